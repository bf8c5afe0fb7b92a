// Timing for the benchmarks: a request timed to its first byte and to the end
// of its streamed body, and the statistics they print.
import { performance } from "node:perf_hooks";

export interface TimedResponse {
  status: number;
  /** Milliseconds to the response headers. */
  firstByte: number;
  /** Milliseconds to the end of the body. */
  full: number;
  body: string;
}

/** GETs `url` without following redirects and reads the whole body. */
export async function timeRequest(url: string, headers: Record<string, string> = {}): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const firstByte = performance.now() - started;
  const body = await response.text();
  return { status: response.status, firstByte, full: performance.now() - started, body };
}

/** The nearest-rank `p`th percentile (0–100); NaN for no values. */
export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const median = (values: number[]) => percentile(values, 50);

/** Milliseconds, right-aligned for columns. */
export const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
