// Every query parameter a page reads, parsed with a schema that cannot fail:
// a missing, repeated (`?a=1&a=2`), malformed or out-of-range value becomes a
// working default, so no input makes a page answer 500, render "undefined" or
// send Polar a request it refuses.
import { z } from "zod";
import { DEFAULT_PERIOD, PERIODS, type PeriodKey } from "@/lib/polar/periods";

/** What Next hands a page as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

export const MAX_PAGE = 10_000;
export const MAX_QUERY_LENGTH = 200;
const MAX_PATH_LENGTH = 2048;

/** The first string a parameter was given: `?a=1&a=2` reads as "1". */
const firstString = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).find((item) => typeof item === "string");

/** One value of a parameter through `schema`, or `fallback` for anything the schema refuses. */
function single<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return z.preprocess(firstString, schema).catch(fallback);
}

/** `?page=`: a whole number clamped to 1…MAX_PAGE (a list shows its last page past the end); anything else is 1. */
export const pageParam = single(
  z
    .string()
    .trim()
    .regex(/^\d+$/)
    .transform((digits) => Math.min(MAX_PAGE, Math.max(1, Number(digits)))),
  1,
);

// Control characters, and bidirectional overrides that would reorder the text
// around the query where the page quotes it.
const INVISIBLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** `?query=`: search text, NFC, without control characters, at most MAX_QUERY_LENGTH characters. */
export const queryParam = single(
  z.string().transform((text) => {
    const visible = text.normalize("NFC").replace(INVISIBLE, "").trim();
    return Array.from(visible).slice(0, MAX_QUERY_LENGTH).join("").trim();
  }),
  "",
);

/** `?period=`: one of PERIODS' own keys (never `toString` and kin), else the default. */
export const periodParam = single(
  z.enum(Object.keys(PERIODS) as [PeriodKey, ...PeriodKey[]]),
  DEFAULT_PERIOD,
);

/**
 * `?callbackUrl=`: a path of this app. Only the path, query and fragment of the
 * URL count, so it can never lead to another site (proxy.ts passes an absolute
 * URL of this app; `//host`, `/\host` and `javascript:` lose their power).
 */
export const callbackPathParam = single(
  z
    .string()
    .max(MAX_PATH_LENGTH)
    .transform((value, context) => {
      const url = URL.parse(value, "http://app.invalid");
      if (!url || !["http:", "https:"].includes(url.protocol)) {
        context.addIssue({ code: "custom", message: "not an http(s) URL" });
        return z.NEVER;
      }
      return `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
    })
    .optional(),
  undefined,
);

/** The organization overview: `?period=`. */
export const overviewSearch = z.object({ period: periodParam });
/** A list page: `?page=`, `?query=`. */
export const listSearch = z.object({ page: pageParam, query: queryParam });
/** The sign-in error page: `?error=`, one of `codes`, else `fallback`. */
export function errorCodeSearch<C extends string>(codes: readonly C[], fallback: C) {
  return z.object({ error: single(z.enum(codes as [C, ...C[]]), fallback) });
}
/** The landing page: `?error=SignInFirst`, `?callbackUrl=`. */
export const landingSearch = z.object({
  error: single(z.literal("SignInFirst").optional(), undefined),
  callbackUrl: callbackPathParam,
});

/**
 * Parses a page's searchParams (or a form's fields) with `schema`. Reads own
 * keys only: Next builds searchParams as a plain object, whose inherited
 * members (`?constructor=`, `?__proto__=`) must not pass for parameters.
 */
export function parseSearchParams<T extends z.ZodType>(
  schema: T,
  raw: Readonly<Record<string, unknown>>,
): z.output<T> {
  return schema.parse(Object.fromEntries(Object.entries(raw)));
}
