import { validationError } from "./errors.ts";

const MAX_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Page<T> {
  items: T[];
  pagination: { total_count: number; max_page: number };
}

export function uuidList(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  for (const value of values) {
    if (!UUID.test(value)) {
      throw validationError(
        ["query", name],
        "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]",
        "uuid_parsing",
        value,
      );
    }
  }
  return values;
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw validationError(
      ["query", name],
      "Input should be a valid integer, unable to parse string as an integer",
      "int_parsing",
      raw,
    );
  }
  if (value < min) {
    throw validationError(["query", name], `Input should be greater than ${min - 1}`, "greater_than", raw);
  }
  return value;
}

export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (["true", "1", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["false", "0", "no", "off"].includes(raw.toLowerCase())) return false;
  throw validationError(
    ["query", name],
    "Input should be a valid boolean, unable to interpret input",
    "bool_parsing",
    raw,
  );
}

/**
 * Polar's list endpoints (kit/pagination.py `get_pagination_params`): page ≥ 1,
 * limit ≥ 1 and clamped to 100 (API_PAGINATION_MAX_LIMIT), `sorting` from a
 * fixed set of fields.
 */
export function paginate<T extends object>(
  query: URLSearchParams,
  rows: T[],
  sortable: Record<string, (row: T) => string | number>,
  defaultSorting: string,
): Page<T> {
  const page = integer(query, "page", 1, 1);
  const limit = Math.min(integer(query, "limit", 10, 1), MAX_LIMIT);
  const sorting = query.getAll("sorting");
  const criteria = (sorting.length ? sorting : [defaultSorting]).map((criterion) => {
    const descending = criterion.startsWith("-");
    const key = sortable[descending ? criterion.slice(1) : criterion];
    if (!key) {
      const allowed = Object.keys(sortable).flatMap((field) => [`'${field}'`, `'-${field}'`]);
      throw validationError(
        ["query", "sorting", 0],
        `Input should be ${allowed.join(", ")}`,
        "enum",
        criterion,
      );
    }
    return { key, descending };
  });
  const sorted = [...rows].sort((a, b) => {
    for (const { key, descending } of criteria) {
      const left = key(a);
      const right = key(b);
      if (left < right) return descending ? 1 : -1;
      if (left > right) return descending ? -1 : 1;
    }
    return 0;
  });
  return {
    items: sorted.slice((page - 1) * limit, page * limit),
    pagination: { total_count: rows.length, max_page: Math.ceil(rows.length / limit) },
  };
}

export function matches(text: string | null | undefined, search: string | null): boolean {
  return !search || (text ?? "").toLowerCase().includes(search.toLowerCase());
}
