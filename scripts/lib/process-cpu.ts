// CPU time of the benchmark's processes, from Linux's /proc: what the app, the
// emulator and the driver spent of the machine's cores during a window.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

/** Linux's clock ticks a second (USER_HZ), in which /proc/<pid>/stat counts. */
const TICKS_PER_SECOND = 100;

/** CPU seconds `pid` has used so far (user and system); NaN where /proc cannot tell. */
function cpuSeconds(pid: number | undefined) {
  try {
    // The fields after the command's closing parenthesis; utime and stime are the 14th and 15th of the line.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** CPU seconds the processes `pids` have used so far, together. */
const cpuSecondsOf = (pids: (number | undefined)[]) =>
  pids.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0);

/**
 * Starts counting the CPU time of `processes` (by name, each one or several
 * processes, e.g. the app's instances) and of this one; `stop()` returns a
 * line that says how much each used.
 */
export function watchCpu(processes: Record<string, (number | undefined)[]>) {
  const started = performance.now();
  const driver = process.cpuUsage();
  const before = Object.fromEntries(
    Object.entries(processes).map(([name, pids]) => [name, cpuSecondsOf(pids)]),
  );
  return {
    /** `views`: how many the window opened, to say the app's CPU time per view. */
    stop(views: number) {
      const seconds = (performance.now() - started) / 1000;
      const share = (used: number) =>
        `${used.toFixed(1)} s (${Math.round((used / seconds) * 100)} % of a core)`;
      const used = Object.entries(processes).map(([name, pids]) => {
        const spent = cpuSecondsOf(pids) - (before[name] ?? NaN);
        const instances = pids.length > 1 ? ` (${pids.length} instances)` : "";
        return `${name}${instances} ${share(spent)}${name === "app" ? `, ${((spent / views) * 1000).toFixed(1)} ms a browsing view` : ""}`;
      });
      const { user, system } = process.cpuUsage(driver);
      used.push(`driver ${share((user + system) / 1e6)}`);
      return `CPU in the window: ${used.join(", ")}; load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`;
    },
  };
}
