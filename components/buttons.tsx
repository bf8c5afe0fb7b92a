import { PolarMark } from "./polar-mark";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold transition-colors disabled:opacity-60 cursor-pointer";

export function PolarButton({ children }: { children: React.ReactNode }) {
  return (
    <button type="submit" className={`${base} bg-polar-600 text-white shadow-sm hover:bg-polar-700`}>
      <PolarMark className="size-5" />
      {children}
    </button>
  );
}
