// Loaded with `node --import` so a plain Node process can import the app's
// modules as Vitest does: `@/…` from the repository root, extensionless
// relative imports as .ts files, and `server-only` as the empty module the
// server side of Next resolves it to.
import { existsSync } from "node:fs";
import { registerHooks } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");

/** The .ts file (or folder index) an import without extension means, if there is one. */
function typescriptFile(file: string) {
  return [`${file}.ts`, path.join(file, "index.ts")].find((candidate) => existsSync(candidate));
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === "server-only")
      return nextResolve(pathToFileURL(path.join(root, "node_modules/server-only/empty.js")).href, context);
    let file: string | undefined;
    if (specifier.startsWith("@/")) file = path.join(root, specifier.slice(2));
    else if (
      specifier.startsWith(".") &&
      context.parentURL?.startsWith("file:") &&
      !path.extname(specifier)
    ) {
      file = path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier);
    }
    const target = file && (existsSync(file) && path.extname(file) ? file : typescriptFile(file));
    return nextResolve(target ? pathToFileURL(target).href : specifier, context);
  },
});
