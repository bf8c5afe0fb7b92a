export interface Target {
  pass: boolean;
  /** What was measured against what, e.g. "p95 812 ms ≤ 1000 ms". */
  label: string;
}

/** Prints a PASS or FAIL line per target and sets the exit code to 1 if any failed. */
export function reportTargets(targets: Target[]) {
  console.log();
  for (const { pass, label } of targets) console.log(`${pass ? "PASS" : "FAIL"}: ${label}`);
  process.exitCode = targets.every((target) => target.pass) ? 0 : 1;
}
