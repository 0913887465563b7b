/**
 * The edits that turn one text into another, as small as the `diff` package finds them: line
 * hunks first, then within each hunk of reasonable size the words and blanks that differ. An
 * edit never starts or ends between the CR and the LF of a CRLF, which no LSP position can name.
 */
import { diffLines, diffWordsWithSpace, type ChangeObject } from "diff";
import type { LineTable } from "./lines.ts";
import { rangeOf } from "./positions.ts";
import type { TextEdit } from "./protocol.ts";

/** Hunks up to this many characters on either side are narrowed down to words. */
const WORD_DIFF_LIMIT = 4000;

/** `[start, end)` of the old text became `[newStart, newEnd)` of the new one. */
interface Span {
  start: number;
  end: number;
  newStart: number;
  newEnd: number;
}

/** The changed spans of a diff whose parts begin at `start` (old) and `newStart` (new). */
function changed(parts: ReadonlyArray<ChangeObject<string>>, start: number, newStart: number): Span[] {
  const out: Span[] = [];
  let at = start;
  let atNew = newStart;
  let open: Span | null = null;
  for (const part of parts) {
    const n = part.value.length;
    if (!part.added && !part.removed) {
      if (open) out.push(open);
      open = null;
      at += n;
      atNew += n;
      continue;
    }
    open ??= { start: at, end: at, newStart: atNew, newEnd: atNew };
    if (part.removed) open.end = at += n;
    else open.newEnd = atNew += n;
  }
  if (open) out.push(open);
  return out;
}

const insideCrlf = (text: string, offset: number): boolean => text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;

/** Old and new offsets of every change from `before` to `after`, in order and apart. */
function spans(before: string, after: string): Span[] {
  const out: Span[] = [];
  for (const hunk of changed(diffLines(before, after), 0, 0)) {
    const removed = hunk.end - hunk.start;
    const added = hunk.newEnd - hunk.newStart;
    if (removed > WORD_DIFF_LIMIT || added > WORD_DIFF_LIMIT) out.push(hunk);
    else {
      const words = diffWordsWithSpace(before.slice(hunk.start, hunk.end), after.slice(hunk.newStart, hunk.newEnd));
      for (const s of changed(words, hunk.start, hunk.newStart)) out.push(s);
    }
  }
  // Widen an edit that would cut a CRLF by the CR or LF next to it (unchanged on both sides),
  // then join edits that now touch.
  const joined: Span[] = [];
  for (const s of out) {
    if (insideCrlf(before, s.start)) {
      s.start--;
      s.newStart--;
    }
    if (insideCrlf(before, s.end)) {
      s.end++;
      s.newEnd++;
    }
    const last = joined[joined.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.newEnd = Math.max(last.newEnd, s.newEnd);
    } else joined.push(s);
  }
  return joined;
}

/** Replacements of `[start, end)` of `before` by `text`, in text order and not overlapping. */
export function replacements(before: string, after: string): Array<{ start: number; end: number; text: string }> {
  if (before === after) return [];
  return spans(before, after).map((s) => ({ start: s.start, end: s.end, text: after.slice(s.newStart, s.newEnd) }));
}

/** The LSP edits turning `before` (whose lines `lines` holds) into `after`. */
export function textEdits(lines: LineTable, before: string, after: string): TextEdit[] {
  return replacements(before, after).map((r) => ({ range: rangeOf(lines, r.start, r.end), newText: r.text }));
}
