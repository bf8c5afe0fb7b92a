import { SearchIcon } from "./icons";

/** A plain GET form: search works without client JavaScript and resets to page 1. */
export function SearchForm({ action, query, label }: { action: string; query: string; label: string }) {
  return (
    <form action={action} role="search" className="flex w-full gap-2 sm:w-auto">
      <label className="relative flex-1 sm:w-72">
        <span className="sr-only">{label}</span>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
        <input
          type="search"
          name="query"
          defaultValue={query}
          placeholder={label}
          className="w-full rounded-lg border border-zinc-300 bg-white py-2 pr-3 pl-9 text-sm placeholder:text-zinc-500 focus:border-polar-500 focus:ring-2 focus:ring-polar-500/20 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <button
        type="submit"
        className="cursor-pointer rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
      >
        Search
      </button>
    </form>
  );
}
