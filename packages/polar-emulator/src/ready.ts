// The line main.ts prints once both origins listen. Scripts that start the
// emulator wait for it (`waitForOutput(child, READY_LINE)`) and read the two
// URLs from it.
export const READY_LINE = /Polar emulator ready: web (\S+), API \(issuer\) (\S+)/;

export function readyLine(origins: { webUrl: string; apiUrl: string }): string {
  return `Polar emulator ready: web ${origins.webUrl}, API (issuer) ${origins.apiUrl}`;
}

/** The URLs in a ready line, or undefined for any other output. */
export function parseReadyLine(output: string): { webUrl: string; apiUrl: string } | undefined {
  const match = READY_LINE.exec(output);
  return match?.[1] && match[2] ? { webUrl: match[1], apiUrl: match[2] } : undefined;
}
