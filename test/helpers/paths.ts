/** Where the tests find their inputs: the real-world corpus and the example deployments. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is test/helpers/paths.ts). */
export const REPO_ROOT = new URL("../../", import.meta.url);
export const REPO_ROOT_PATH = fileURLToPath(REPO_ROOT);

export const CORPUS_DIR = new URL("fixtures/corpus/", REPO_ROOT);
export const EXAMPLES_DIR = new URL("fixtures/examples/", REPO_ROOT);

/** Every corpus file name (SOURCES.md excluded), sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f !== "SOURCES.md" && !f.startsWith("."))
    .sort();
}

export function readCorpus(name: string): string {
  return readFileSync(new URL(name, CORPUS_DIR), "utf8");
}

/** The example deployments in fixtures/examples, sorted. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".cf"))
    .sort();
}

export function readExample(name: string): string {
  return readFileSync(new URL(name, EXAMPLES_DIR), "utf8");
}

/**
 * Every lvs.cf file the repository holds as test input, relative to the repository root: the
 * corpus (templates included), the examples, the format cases and the lint cases kept as files.
 */
export function allConfigFiles(): string[] {
  const out = corpusFiles().map((f) => `fixtures/corpus/${f}`);
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(REPO_ROOT_PATH, dir), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`);
      else if (e.name.endsWith(".cf")) out.push(`${dir}/${e.name}`);
    }
  };
  for (const dir of ["fixtures/examples", "fixtures/lint", "fixtures/format"]) walk(dir);
  return out.sort();
}
