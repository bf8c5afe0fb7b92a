// Every file, folder, link and code name that the README and docs/ mention
// exists in the tree, so the docs cannot drift from the code unnoticed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const DOCS = [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
/** The worked example's files, which the reader creates (README, "Extend it"). */
const EXAMPLE_FILES = new Set([
  "lib/dashboard/top-customers.ts",
  "app/dashboard/[organization]/_components/top-customers.tsx",
]);
const SKIPPED_DIRS = new Set([
  "node_modules",
  ".git",
  ".tools",
  "generated",
  ".reports",
  "test-results",
  "playwright-report",
]);

/** Every file of the tree (but dependencies, builds and generated code), relative to the root. */
function treeFiles(dir = ""): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory())
      return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith(".next") ? [] : treeFiles(relative);
    return [relative];
  });
}
const FILES = treeFiles();
const SOURCE = FILES.filter(
  (f) => /\.(ts|tsx|mjs|prisma|json)$|\.env\.example$/.test(f) && !f.startsWith("docs/"),
)
  .map((f) => readFileSync(path.join(ROOT, f), "utf8"))
  .join("\n");

const firstGroup = (match: RegExpMatchArray) => match[1] ?? "";

/** The text of a Markdown file without its fenced code blocks (examples, not references). */
const prose = (file: string) => readFileSync(path.join(ROOT, file), "utf8").replace(/^```[\s\S]*?^```/gm, "");
const codeSpans = (file: string) => [...prose(file).matchAll(/`([^`\n]+)`/g)].map(firstGroup);

/** A span that names a file or folder of this tree (not a URL, a route or a placeholder). */
const isPath = (span: string) =>
  !/[\s<…:*=]/.test(span) &&
  !span.startsWith("/") &&
  !span.startsWith("@") &&
  (span.includes("/") || /\.(ts|tsx|md|mjs|json|prisma|example)$/.test(span));

function pathExists(span: string) {
  if (EXAMPLE_FILES.has(span)) return true;
  const target = span.replace(/\/$/, "");
  if (existsSync(path.join(ROOT, target))) return true;
  // A module, e.g. next/script.
  if (["", ".js"].some((extension) => existsSync(path.join(ROOT, "node_modules", target + extension))))
    return true;
  // A name given relative to the folder the text is about, e.g. `customers.tsx` or `_components/`.
  return FILES.some((file) => file.endsWith(`/${target}`) || path.dirname(file).endsWith(`/${target}`));
}

/** A span that names code: camelCase, PascalCase with two words, or CONSTANT_CASE, optionally called. */
const NAME = /^([A-Za-z_$][\w$]*)(\(\))?$/;
const isCodeName = (name: string) =>
  /[a-z][A-Z]/.test(name) || /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(name) || /^[A-Z]{4,}$/.test(name);
const escape = (name: string) => name.replace(/\$/g, "\\$");
/** Declared somewhere in the tree: a declaration, an object key, a Prisma field or model, a variable of .env.example. */
const isDeclared = (name: string) =>
  new RegExp(
    String.raw`\b(function\*?|const|let|class|type|interface|enum|model)\s+${escape(name)}\b|\b${escape(name)}\s*[:=(?]|^\s*${escape(name)}\s+\S|^#?\s*${escape(name)}=`,
    "m",
  ).test(SOURCE);

const headingAnchors = (file: string) =>
  new Set(
    [...prose(file).matchAll(/^#+ (.+)$/gm)].map((m) =>
      firstGroup(m)
        .toLowerCase()
        .replace(/[^\w\- ]/g, "")
        .replace(/ /g, "-"),
    ),
  );

describe.each(DOCS)("%s", (doc) => {
  it("names only files and folders that exist", () => {
    const missing = codeSpans(doc)
      .filter(isPath)
      .filter((span) => !pathExists(span));
    expect(missing).toEqual([]);
  });

  it("names only code that exists", () => {
    const names = codeSpans(doc).flatMap((span) => {
      const name = NAME.exec(span)?.[1];
      return name && isCodeName(name) ? [name] : [];
    });
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !isDeclared(name))).toEqual([]);
  });

  it("links only to files and headings that exist", () => {
    const links = [...prose(doc).matchAll(/\]\(([^)\s]+)\)/g)]
      .map(firstGroup)
      .filter((l) => !/^[a-z]+:/.test(l));
    const broken = links.filter((link) => {
      const [target, anchor] = link.split("#");
      const file = target ? path.join(path.dirname(doc), target) : doc;
      if (!existsSync(path.join(ROOT, file))) return true;
      return (
        anchor !== undefined &&
        statSync(path.join(ROOT, file)).isFile() &&
        file.endsWith(".md") &&
        !headingAnchors(file).has(anchor)
      );
    });
    expect(broken).toEqual([]);
  });
});

describe("the README", () => {
  it("stays under 150 lines: the rest is in docs/", () => {
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(150);
  });
});
