/**
 * Positions: the one place where offsets into the text become LSP positions (0-based line,
 * UTF-16 character) and back. Lines are counted as the grammar counts them (LF, CRLF, lone CR),
 * which is also how LSP counts them; columns of the grammar are UTF-16 code units too.
 */
import type { LineTable } from "./lines.ts";
import type { Position, Range } from "./protocol.ts";

export function positionAt(lines: LineTable, offset: number): Position {
  const line = lines.lineOf(offset);
  return { line: line - 1, character: offset - lines.lineStart(line) };
}

export function rangeOf(lines: LineTable, start: number, end: number): Range {
  return { start: positionAt(lines, start), end: positionAt(lines, end) };
}

/**
 * The offset of an LSP position. A character past the end of its line means the end of the
 * line (before its line break); a line past the last means the end of the text.
 */
export function offsetAt(lines: LineTable, position: Position): number {
  const line = Math.floor(position.line) + 1;
  if (line > lines.lineCount) return lines.textLength;
  if (line < 1) return 0;
  const start = lines.lineStart(line);
  const end = lines.contentEnd(line);
  return start + Math.max(0, Math.min(Math.floor(position.character), end - start));
}
