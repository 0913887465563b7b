/** Piranha 0.8.6's verdict on each corpus file, read from the table in fixtures/corpus/SOURCES.md. */
import { readFileSync } from "node:fs";
import { CORPUS_DIR } from "./paths.ts";

export type Verdict = "ok" | { line: number } | "template";

function verdictOf(cell: string, file: string): Verdict {
  if (cell === "ok" || cell === "template") return cell;
  const m = /^rejected at line (\d+):/.exec(cell);
  if (!m) throw new Error(`SOURCES.md: no verdict for ${file}: '${cell}'`);
  return { line: Number(m[1]) };
}

function readVerdicts(): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const line of readFileSync(new URL("SOURCES.md", CORPUS_DIR), "utf8").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    // | file | origin | verdict | what it exercises |
    if (cells.length !== 6 || cells[1] === "file" || cells[1]!.startsWith("---")) continue;
    out[cells[1]!] = verdictOf(cells[3]!, cells[1]!);
  }
  return out;
}

export const SOURCES_VERDICTS: Readonly<Record<string, Verdict>> = readVerdicts();
