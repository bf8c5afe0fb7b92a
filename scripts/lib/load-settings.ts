// What `npm run bench:load` is asked to do, from its environment and flags.

export interface LoadSettings {
  /** Generated organizations (BENCH_LOAD_ORGANIZATIONS, 100). */
  organizations: number;
  /** People in each of them (BENCH_LOAD_PEOPLE, 10). */
  people: number;
  /** Views a second offered, open loop (BENCH_LOAD_RATE, 50). */
  rate: number;
  /** How long views are offered (BENCH_LOAD_SECONDS, 60). */
  seconds: number;
  /** Views a browsing person opens in a minute (BENCH_LOAD_VIEWS_PER_PERSON_MINUTE, 20). */
  viewsPerPersonMinute: number;
  /** One person searches abusively while the others browse (--abusive or BENCH_LOAD_ABUSIVE=1). */
  abusive: boolean;
  /** Instances of the app the views are spread over (BENCH_LOAD_INSTANCES, 2: one per core). */
  instances: number;
}

/** The positive number in the variable `name`, or `fallback` when it is unset. */
function positive(name: string, fallback: number, integer = true) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!(value > 0) || (integer && !Number.isInteger(value)))
    throw new Error(`${name} must be a positive ${integer ? "integer" : "number"}, got "${raw}"`);
  return value;
}

export function loadSettings(): LoadSettings {
  return {
    organizations: positive("BENCH_LOAD_ORGANIZATIONS", 100),
    people: positive("BENCH_LOAD_PEOPLE", 10),
    rate: positive("BENCH_LOAD_RATE", 50, false),
    seconds: positive("BENCH_LOAD_SECONDS", 60, false),
    viewsPerPersonMinute: positive("BENCH_LOAD_VIEWS_PER_PERSON_MINUTE", 20, false),
    abusive: process.argv.includes("--abusive") || process.env.BENCH_LOAD_ABUSIVE === "1",
    instances: positive("BENCH_LOAD_INSTANCES", 2),
  };
}
