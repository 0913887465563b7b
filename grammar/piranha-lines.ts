/**
 * The lines of a text as Piranha's parser splits them. It ends a line at the next carriage
 * return while one remains ahead in the file, and at line feeds only after the last one; a
 * line that starts (after blanks) with the line feed of a CRLF is read as empty. So a CRLF file
 * is read as its first line, and lines joined by a lone carriage return are one line.
 */
import { isBlank } from "./tokens.ts";

const CR = 13;
const LF = 10;

/** What stands for a line feed inside a joined line: a character of a word, as it is there. */
export const JOINED_LINE_FEED = "\u2424";

/**
 * The text as Piranha reads its lines, with LF endings: the same text when it has no carriage
 * return. A line it skips is left empty, and each line feed inside a joined line (which Piranha
 * reads as part of a word) becomes `JOINED_LINE_FEED` followed by an empty line, so that line
 * numbers stay.
 */
export function asPiranhaReadsLines(text: string): string {
  const lastCr = text.lastIndexOf("\r");
  if (lastCr < 0) return text;
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const sep = pos <= lastCr ? CR : LF;
    let end = text.indexOf(String.fromCharCode(sep), pos);
    if (end < 0) end = text.length;
    let a = pos;
    while (a < end && isBlank(text.charCodeAt(a))) a++;
    const line = text.slice(pos, end);
    const newlines = line.split("\n").length - 1;
    // Each line feed in a Piranha line still ends a line for the reader of this text.
    out.push((a < end && text.charCodeAt(a) === LF ? "" : line.replace(/\n/g, JOINED_LINE_FEED)) + "\n".repeat(newlines));
    pos = end + 1;
  }
  return out.join("\n");
}
