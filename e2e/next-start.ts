// A second instance of the app the e2e run built, with its own environment:
// for configurations the main instance cannot have.
import { spawn } from "node:child_process";
import { e2eEnv } from "../test-support/e2e-env";

/** Runs `next start` on `port` with `env` over the e2e environment; resolves when it exits. */
export function nextStart(port: number, env: Record<string, string | undefined>) {
  const child = spawn("next", ["start", "--port", String(port)], {
    env: { ...process.env, ...e2eEnv, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Ready in")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, output })),
  );
  return { ready, exited, stop: () => child.kill("SIGTERM") };
}
