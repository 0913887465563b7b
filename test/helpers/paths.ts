/** Where the tests find their inputs: the real-world corpus and the example deployments. */
import { readdirSync, readFileSync } from "node:fs";
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
