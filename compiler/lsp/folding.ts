/** Folding ranges: every block from its opener line to the line before its `}`, and runs of comment lines. */
import type { BlockItem, TopItem } from "../../grammar/index.ts";
import type { LvsDocument } from "./document.ts";
import type { FoldingRange } from "./protocol.ts";

export function foldingRanges(doc: LvsDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lineOf = (offset: number): number => doc.lines.lineOf(offset) - 1;
  for (const segment of doc.segments) {
    const visit = (items: ReadonlyArray<TopItem | BlockItem>): void => {
      for (const item of items) {
        if (item.kind !== "block") continue;
        const start = lineOf(segment.start + item.start);
        // A closed block folds up to the line before its `}`, which stays visible.
        const end = item.close ? lineOf(segment.start + item.close.start) - 1 : lineOf(segment.start + item.end);
        if (end > start) out.push({ startLine: start, endLine: end });
        visit(item.items);
      }
    };
    visit(segment.items);
    let runStart = -1;
    let runEnd = -1;
    for (const c of segment.file.comments) {
      if (c.inline) continue;
      const line = lineOf(segment.start + c.start);
      if (line === runEnd + 1 && runStart >= 0) runEnd = line;
      else {
        if (runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: "comment" });
        runStart = runEnd = line;
      }
    }
    if (runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: "comment" });
  }
  return out.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
