// The Chromium that the end-to-end tests and the benchmark drive: CHROMIUM_PATH,
// else a Chromium or Chrome installed on the system, else one that Playwright
// installed (`npx playwright install chromium`). Nothing is ever downloaded here.
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const SYSTEM_COMMANDS = ["chromium", "google-chrome", "chromium-browser"];
const MACOS_APPS = [
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

function isExecutable(file: string) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/** The path of the browser to launch; throws a message saying how to get one when there is none. */
export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is ${configured}, which is not an executable file.`);
  }
  for (const command of SYSTEM_COMMANDS) {
    const found = onPath(command);
    if (found) return found;
  }
  const found = MACOS_APPS.find(isExecutable);
  if (found) return found;
  const playwrights = chromium.executablePath();
  if (isExecutable(playwrights)) return playwrights;
  throw new Error(
    [
      "No Chromium found for the end-to-end tests. Install Playwright's with",
      "",
      "  npx playwright install chromium",
      "",
      `or set CHROMIUM_PATH to a Chromium or Chrome executable. Looked for ${SYSTEM_COMMANDS.join(", ")} on PATH,`,
      `${MACOS_APPS.join(", ")} and ${playwrights}.`,
    ].join("\n"),
  );
}

/** chromiumPath() for a script: prints why there is none and exits. */
export function requireChromium(): string {
  try {
    return chromiumPath();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
