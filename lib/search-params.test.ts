// The query-parameter schemas, table-driven, on the very objects Next builds
// from a query string (its searchParamsToUrlQuery: repeated keys become
// arrays, and `?__proto__=`/`?constructor=` meddle with inherited members).
import { searchParamsToUrlQuery } from "next/dist/shared/lib/router/utils/querystring";
import { describe, expect, it } from "vitest";
import {
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  errorCodeSearch,
  landingSearch,
  listSearch,
  overviewSearch,
  parseSearchParams,
} from "./search-params";

/** What a page receives as searchParams for `query`. */
const nextSearchParams = (query: string) =>
  searchParamsToUrlQuery(new URLSearchParams(query)) as Record<string, unknown>;

const UNICORN = "\u{1F984}";
const PROTOTYPE_KEYS = [
  "?__proto__=x",
  "?__proto__=a&__proto__=b",
  "?constructor=x&toString=y&valueOf=z&hasOwnProperty=1",
  "?__proto__[page]=2&page[]=3",
];

const tables = {
  list: {
    schema: listSearch,
    defaults: { page: 1, query: "" },
    cases: [
      ["?page=3", { page: 3 }],
      ["?page=%207%20", { page: 7 }],
      ["?page=2&page=3", { page: 2 }],
      ["?page=99999999999999999999999", { page: MAX_PAGE }],
      [`?page=${MAX_PAGE + 1}`, { page: MAX_PAGE }],
      ...["-5", "0", "2.5", "", "%20", "NaN", "Infinity", "1e3", "0x10", "toString", "__proto__"].map(
        (page) => [`?page=${page}`, { page: 1 }] as const,
      ),
      ["?query=a&query=b", { query: "a" }],
      ["?query=%20%20acme%20", { query: "acme" }],
      ["?query=%00a%1Fb%7F", { query: "ab" }],
      ["?query=%E2%80%AEevil%E2%81%A6", { query: "evil" }],
      ["?query=e%CC%81", { query: "\u00e9" }],
      [`?query=${"x".repeat(4000)}`, { query: "x".repeat(MAX_QUERY_LENGTH) }],
      [`?query=${encodeURIComponent(UNICORN.repeat(400))}`, { query: UNICORN.repeat(MAX_QUERY_LENGTH) }],
      ["?query=__proto__&page=constructor", { query: "__proto__", page: 1 }],
      ["?toString=1&page=2", { page: 2 }],
    ],
  },
  overview: {
    schema: overviewSearch,
    defaults: { period: "30d" },
    cases: [
      ["?period=7d", { period: "7d" }],
      ["?period=12m&period=7d", { period: "12m" }],
      ...[
        "toString",
        "__proto__",
        "constructor",
        "hasOwnProperty",
        "valueOf",
        "",
        "7D",
        encodeURIComponent(UNICORN),
      ].map((period) => [`?period=${period}`, { period: "30d" }] as const),
    ],
  },
  authError: {
    schema: errorCodeSearch(["AccessDenied", "Configuration", "Default"], "Default"),
    defaults: { error: "Default" },
    cases: [
      ["?error=AccessDenied", { error: "AccessDenied" }],
      ["?error=AccessDenied&error=Configuration", { error: "AccessDenied" }],
      ...[
        "toString",
        "__proto__",
        "constructor",
        "SomethingNew",
        "",
        encodeURIComponent(UNICORN.repeat(400)),
      ].map((error) => [`?error=${error}`, { error: "Default" }] as const),
    ],
  },
  landing: {
    schema: landingSearch,
    defaults: { error: undefined, callbackUrl: undefined },
    cases: [
      ["?error=SignInFirst", { error: "SignInFirst" }],
      ["?error=SignInFirst&error=x", { error: "SignInFirst" }],
      ["?error=toString", { error: undefined }],
      [
        `?callbackUrl=${encodeURIComponent("http://localhost:3000/dashboard/acme/orders?page=2#top")}`,
        { callbackUrl: "/dashboard/acme/orders?page=2#top" },
      ],
      ["?callbackUrl=/dashboard&callbackUrl=/elsewhere", { callbackUrl: "/dashboard" }],
      // Only the path counts: these stay on this app.
      ["?callbackUrl=//evil.example/phish", { callbackUrl: "/phish" }],
      [`?callbackUrl=${encodeURIComponent("/\\evil.example/phish")}`, { callbackUrl: "/phish" }],
      ["?callbackUrl=https://evil.example/a", { callbackUrl: "/a" }],
      ["?callbackUrl=http://localhost:3000//evil.example/x", { callbackUrl: "/evil.example/x" }],
      ["?callbackUrl=__proto__", { callbackUrl: "/__proto__" }],
      ["?callbackUrl=javascript:alert(1)", { callbackUrl: undefined }],
      ["?callbackUrl=data:text/html,hi", { callbackUrl: undefined }],
      [`?callbackUrl=/${"x".repeat(4000)}`, { callbackUrl: undefined }],
    ],
  },
} as const;

for (const [name, { schema, defaults, cases }] of Object.entries(tables)) {
  describe(`${name} parameters`, () => {
    for (const [query, expected] of cases) {
      it(`${query.slice(0, 60)} → ${JSON.stringify(expected).slice(0, 60)}`, () => {
        expect(parseSearchParams(schema, nextSearchParams(query))).toEqual({ ...defaults, ...expected });
      });
    }

    it("fall back to the defaults with no parameters or only prototype names as keys", () => {
      for (const query of ["", ...PROTOTYPE_KEYS]) {
        expect(parseSearchParams(schema, nextSearchParams(query)), query).toEqual(defaults);
      }
    });
  });
}

describe("parseSearchParams", () => {
  it("reads own keys only, so an inherited member never passes for a parameter", () => {
    const polluted = Object.create({ page: "5", period: "7d", query: "inherited" }) as Record<
      string,
      unknown
    >;
    expect(parseSearchParams(listSearch, polluted)).toEqual({ page: 1, query: "" });
    expect(parseSearchParams(overviewSearch, polluted)).toEqual({ period: "30d" });
  });

  it("never throws, whatever the values' types", () => {
    for (const value of [
      undefined,
      null,
      7,
      {},
      [],
      [7, null],
      ["", "x"],
      new Blob(["x"]),
      () => "x",
      Symbol("x"),
    ]) {
      for (const schema of [listSearch, overviewSearch, landingSearch]) {
        expect(() =>
          parseSearchParams(schema, {
            page: value,
            query: value,
            period: value,
            error: value,
            callbackUrl: value,
          }),
        ).not.toThrow();
      }
    }
  });
});
