/** `run`, made to run at most once every `intervalMs` on this server instance: calls in between do nothing. */
export function throttled(intervalMs: number, run: () => void) {
  let ranAt = -Infinity;
  return () => {
    if (Date.now() - ranAt < intervalMs) return;
    ranAt = Date.now();
    run();
  };
}
