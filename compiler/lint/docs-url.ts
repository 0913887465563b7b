/** Where a rule's documentation page is: the file shipped with the package, as a file: URL. */
import { existsSync } from "node:fs";
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
