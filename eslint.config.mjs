import next from "eslint-config-next";

const config = [
  ...next,
  // The app never imports the emulator: it reaches it over HTTP like any Polar.
  {
    files: ["app/**", "components/**", "lib/**", "auth.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["polar-emulator", "polar-emulator/*"],
              message: "The app talks to the emulator over HTTP only.",
            },
          ],
        },
      ],
    },
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
