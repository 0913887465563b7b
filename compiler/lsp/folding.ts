/** Folding ranges: every block from its opener line to the line before its `}`, and runs of comment lines. */
import type { BlockItem, LvsFile, TopItem } from "../../grammar/index.ts";
import type { LvsDocument } from "./document.ts";
import type { FoldingRange } from "./protocol.ts";

const BLOCK = 0;
const COMMENTS = 1;

/**
 * The folds of a segment's tree, kept by the segment (see `Segment.folds`): for each, its
 * first and last line counted from the segment's first line (0), then BLOCK or COMMENTS.
 */
export function foldsOf(file: LvsFile): Int32Array {
  const out: number[] = [];
  const lineOf = (offset: number): number => file.source.lineOf(offset) - 1;
  const visit = (items: ReadonlyArray<TopItem | BlockItem>): void => {
    for (const item of items) {
      if (item.kind !== "block") continue;
      const start = lineOf(item.start);
      // A closed block folds up to the line before its `}`, which stays visible.
      const end = item.close ? lineOf(item.close.start) - 1 : lineOf(item.end);
      if (end > start) out.push(start, end, BLOCK);
      visit(item.items);
    }
  };
  visit(file.items);
  let runStart = -1;
  let runEnd = -1;
  for (const c of file.comments) {
    if (c.inline) continue;
    const line = lineOf(c.start);
    if (line === runEnd + 1 && runStart >= 0) runEnd = line;
    else {
      if (runEnd > runStart) out.push(runStart, runEnd, COMMENTS);
      runStart = runEnd = line;
    }
  }
  if (runEnd > runStart) out.push(runStart, runEnd, COMMENTS);
  return Int32Array.from(out);
}

export function foldingRanges(doc: LvsDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const segment of doc.segments) {
    const folds = segment.folds;
    const first = segment.line - 1;
    for (let i = 0; i < folds.length; i += 3) {
      const range = { startLine: first + folds[i]!, endLine: first + folds[i + 1]! };
      out.push(folds[i + 2] === COMMENTS ? { ...range, kind: "comment" } : range);
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
