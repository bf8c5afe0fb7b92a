import next from "eslint-config-next";

/**
 * lib/'s folders (and its root files), bottom to top. A folder imports only
 * folders of lower layers; folders of one layer do not import each other.
 * auth.ts, at the root as Auth.js has it, is part of the auth layer.
 */
const LIB_LAYERS = [
  ["env", "format", "crypto", "generated", "throttle"],
  ["security"],
  ["db", "polar"],
  ["search-params"],
  ["polar-cache"],
  ["grants"],
  ["auth"],
  ["dashboard", "cron"],
];
const LAYERS_TEXT = LIB_LAYERS.map((layer) => layer.join(", ")).join(" < ");

/** Matches an import of lib/`folder` (or of the root file auth.ts for "auth"), by alias or relative path. */
const libImport = (folder) =>
  folder === "auth"
    ? String.raw`^(@/|(\.\./)+)(lib/auth|auth(\.ts)?$)(/|$)`
    : String.raw`^(@/|(\.\./)+)lib/${folder}(\.tsx?)?(/|$)`;

const forbid = (regex, message) => ({ regex, message });

/** What only tests and tools may import: the emulator, test support, the e2e suite and scripts. */
const TEST_ONLY = [
  forbid("^polar-emulator(/|$)", "The app talks to the emulator over HTTP only."),
  forbid(
    String.raw`^(@/|(\.\./)+)(test-support|e2e|scripts)(/|$)`,
    "Tests and tools are not part of the app.",
  ),
];

/** The storage layers the app's pages reach only through lib/dashboard, lib/auth or lib/cron. */
const STORAGE = ["db", "generated", "grants", "polar-cache"].map((folder) =>
  forbid(
    libImport(folder),
    `app/ and components/ do not reach lib/${folder}: read through lib/dashboard, lib/auth or lib/cron.`,
  ),
);

/**
 * Forbids `patterns` in static imports and in `import()` (expressions and
 * types), which tests use to import after setting the environment. esquery's
 * regex cannot hold "/": it is written \x2F there.
 */
const noImports = (patterns) => ({
  "no-restricted-imports": ["error", { patterns }],
  "no-restricted-syntax": [
    "error",
    ...patterns.flatMap(({ regex, message }) => {
      const value = `[value=/${regex.replaceAll("/", String.raw`\x2F`)}/]`;
      return [`ImportExpression > Literal.source${value}`, `TSImportType Literal${value}`].map(
        (selector) => ({ selector, message }),
      );
    }),
  ],
});

/** The rule for `files`: tests may also import the emulator and test support. */
const restrict = (files, forbidden) => [
  { files, ignores: ["**/*.test.ts"], rules: noImports([...forbidden, ...TEST_ONLY]) },
  { files: files.map((glob) => [glob, "**/*.test.ts"]), rules: noImports(forbidden) },
];

const libLayerRules = LIB_LAYERS.flatMap((layer, level) =>
  layer.map((folder) => {
    const above = LIB_LAYERS.slice(level + 1).flat();
    const besides = layer.filter((other) => other !== folder);
    const files = [`lib/${folder}/**`, `lib/${folder}.ts`, `lib/${folder}.test.ts`];
    if (folder === "auth") files.push("auth.ts");
    return restrict(files, [
      ...[...besides, ...above].map((target) =>
        forbid(
          libImport(target),
          `lib/${folder} cannot import lib/${target}: lib/ imports run one way (${LAYERS_TEXT}).`,
        ),
      ),
      forbid(
        String.raw`^(@/|(\.\./)+)(app|components|proxy|instrumentation)(/|$)`,
        "lib/ does not import app/ or components/.",
      ),
      forbid(
        String.raw`^\.\./`,
        "Import another folder of lib/ as @/lib/<folder>, so the layer rule sees it.",
      ),
    ]);
  }),
);

const config = [
  ...next,
  ...libLayerRules.flat(),
  ...restrict(["app/**", "proxy.ts", "instrumentation.ts"], STORAGE),
  ...restrict(
    ["components/**"],
    [
      ...STORAGE,
      forbid(String.raw`^(@/|(\.\./)+)app(/|$)`, "components/ are shared by app/: they do not import it."),
    ],
  ),
  {
    files: ["scripts/**"],
    rules: noImports([
      forbid(
        String.raw`^(@/|(\.\./)+)e2e(/|$)`,
        "Scripts do not import the e2e suite: share through test-support/.",
      ),
      forbid(String.raw`^(@/|(\.\./)+)(app|components)(/|$)`, "Scripts do not import app/ or components/."),
    ]),
  },
  {
    files: ["test-support/**"],
    rules: noImports([
      forbid(String.raw`^(@/|(\.\./)+)e2e(/|$)`, "test-support/ serves e2e/: it does not import it."),
    ]),
  },
  {
    files: ["packages/**"],
    rules: noImports([
      forbid(
        String.raw`^(\.\./)+(?!lib/polar/scopes\.ts$)(app|components|lib|e2e|scripts|test-support|auth|proxy)(/|\.|$)`,
        "A package stands alone: of the app it imports only its scope map (lib/polar/scopes.ts).",
      ),
    ]),
  },
  {
    ignores: [
      "lib/generated/**",
      ".next*/**",
      ".tools/**",
      ".reports/**",
      "e2e/.artifacts/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
