import next from "eslint-config-next";

const config = [
  ...next,
  { ignores: ["lib/generated/**", ".next/**", ".tools/**", "test-results/**", "playwright-report/**"] },
];

export default config;
