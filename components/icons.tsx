// Small stroke icons (24×24 grid), decorative: the text beside them names the action.
function Icon({ d, className = "size-4" }: { d: string; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className}
    >
      <path d={d} />
    </svg>
  );
}

export const ChevronDownIcon = (p: { className?: string }) => <Icon d="m6 9 6 6 6-6" {...p} />;
export const ChevronLeftIcon = (p: { className?: string }) => <Icon d="m15 18-6-6 6-6" {...p} />;
export const ChevronRightIcon = (p: { className?: string }) => <Icon d="m9 18 6-6-6-6" {...p} />;
export const SearchIcon = (p: { className?: string }) => (
  <Icon d="M11 19a8 8 0 1 1 0-16 8 8 0 0 1 0 16Zm10 2-4.35-4.35" {...p} />
);
export const PlusIcon = (p: { className?: string }) => <Icon d="M12 5v14M5 12h14" {...p} />;
export const CheckIcon = (p: { className?: string }) => <Icon d="M20 6 9 17l-5-5" {...p} />;
export const RefreshIcon = (p: { className?: string }) => (
  <Icon d="M21 12a9 9 0 1 1-2.64-6.36M21 3v6h-6" {...p} />
);
