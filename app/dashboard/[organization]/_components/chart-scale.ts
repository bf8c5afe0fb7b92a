// The y axis of the revenue chart, worked out on the server so the client chart gets labels, not formatters.

/** The chart's top: `value` rounded up to 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(value: number) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((n) => value / magnitude <= n) ?? 10;
  return step * magnitude;
}

/** The y axis's ticks, as fractions of the top. */
export const TICKS = [1, 0.75, 0.5, 0.25, 0];
