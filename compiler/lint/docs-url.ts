/** Where a rule's documentation page is: the file shipped with the package, and its text. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = packageRoot();

export function ruleDocsPath(id: string): string {
  return join(ROOT, "docs", "rules", `${id}.md`);
}

export function ruleDocsUrl(id: string): string {
  return pathToFileURL(ruleDocsPath(id)).href;
}

/** A rule's page as Markdown; null when the package does not ship it. */
export function ruleDocsText(id: string): string | null {
  try {
    return readFileSync(ruleDocsPath(id), "utf8");
  } catch {
    return null;
  }
}

/** The package's public home page (`homepage` in package.json); null when it names none. */
export function packageHomepage(): string | null {
  try {
    const home = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { homepage?: unknown }).homepage;
    return typeof home === "string" && /^https?:\/\//.test(home) ? home : null;
  } catch {
    return null;
  }
}
