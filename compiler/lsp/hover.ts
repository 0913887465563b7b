/**
 * Hover: for a keyword, what it does, Piranha's default, the allowed values and the daemon that
 * reads it (from the keyword table); for a scheduler, what it does; for a lint finding under the
 * cursor, the rule and its message.
 */
import { keywordAt, type Keyword } from "../../grammar/index.ts";
import type { LvsDocument } from "./document.ts";
import { findingMarkdown, isScheduler, keywordMarkdown, schedulerMarkdown } from "./keyword-docs.ts";
import { wordAt, type WordAt } from "./locate.ts";
import { rangeOf } from "./positions.ts";
import type { Hover, Position } from "./protocol.ts";

/** The keyword a word names where it stands, whatever its letter case. */
function keywordOf(found: WordAt): Keyword | undefined {
  if (found.role === "key" || found.role === "value") {
    const s = found.statement;
    return s.keyword ?? (s.key && !s.key.quote ? keywordAt(s.level, s.key.value.toLowerCase()) : undefined);
  }
  if (found.role === "block") return keywordAt(found.block.level, found.block.blockType);
  return undefined;
}

export function hover(doc: LvsDocument, position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const segment = doc.segmentAt(offset);
  const found = wordAt(segment, offset - segment.start);
  const parts: string[] = [];
  let start = offset;
  let end = offset;
  if (found) {
    start = found.word.start + segment.start;
    end = found.word.end + segment.start;
    const kw = keywordOf(found);
    if (found.role === "value" && kw?.name === "scheduler" && found.index === 0 && isScheduler(found.word.value)) parts.push(schedulerMarkdown(found.word.value));
    if (kw && found.role !== "name") parts.push(keywordMarkdown(kw));
  }
  const findings = doc.diagnostics().filter((d) => d.start <= offset && (offset < d.end || (d.start === d.end && offset === d.start)));
  for (const d of findings) {
    parts.push(findingMarkdown(d));
    if (!found) {
      start = d.start;
      end = d.end;
    }
  }
  if (parts.length === 0) return null;
  return { contents: { kind: "markdown", value: parts.join("\n\n---\n\n") }, range: rangeOf(doc.lines, start, end) };
}
