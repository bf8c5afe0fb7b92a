import next from "eslint-config-next";

const config = [
  ...next,
  { ignores: ["lib/generated/**", ".next*/**", ".tools/**", ".reports/**", "e2e/.artifacts/**", "test-results/**", "playwright-report/**"] },
];

export default config;
