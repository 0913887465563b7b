/**
 * The line table of a document that changes edit by edit: where each line starts and how it
 * ends, counted by the grammar's SourceText (LF, CRLF and lone CR), and after an edit rescanned
 * only over the lines the edit touched.
 */
import { SourceText, type LineEnding } from "../../grammar/index.ts";

/** The fields of a SourceText, which this table keeps without scanning the whole text again. */
interface Fields {
  text: string;
  lineStarts: number[];
  endings: LineEnding[];
}

export class LineTable {
  /** A SourceText over the current text and line table. */
  private readonly view: SourceText;
  private readonly fields: Fields;

  constructor(text: string) {
    const scanned = new SourceText(text);
    this.fields = Object.create(SourceText.prototype) as Fields;
    this.fields.text = text;
    this.fields.lineStarts = scanned.lineStarts;
    this.fields.endings = scanned.endings;
    this.view = this.fields as unknown as SourceText;
  }

  /** Length of the current text. */
  get textLength(): number {
    return this.fields.text.length;
  }

  get lineCount(): number {
    return this.view.lineCount;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.view.lineStart(line);
  }

  /** Offset just past the last character of a 1-based line, before its line break. */
  contentEnd(line: number): number {
    return this.view.lineContentEnd(line);
  }

  /** 1-based line holding `offset`. */
  lineOf(offset: number): number {
    return this.view.lineOf(offset);
  }

  /**
   * Takes in an edit: `[from, to)` of the previous text became `insertedLength` characters,
   * and `text` is the new text. Rescans from the line before the edit (a CR there may pair
   * with an LF inserted after it) to the end of the line where the edit ended.
   */
  update(text: string, from: number, to: number, insertedLength: number): void {
    const { lineStarts: starts, endings } = this.fields;
    const delta = insertedLength - (to - from);
    const first = this.lineOf(Math.max(0, from - 1)) - 1;
    const last = this.lineOf(to) - 1;
    const scanFrom = starts[first]!;
    const oldNext = starts[last + 1];
    const scanTo = oldNext === undefined ? text.length : oldNext + delta;
    const region = new SourceText(text.slice(scanFrom, scanTo));
    // The region's first line starts where the old one did; a region ending at a line break
    // ends with an empty line of its own, which is the next line of the table.
    const newStarts = region.lineStarts.slice(1).map((s) => s + scanFrom);
    const newEndings = region.endings;
    if (oldNext !== undefined) {
      newStarts.pop();
      newEndings.pop();
    }
    this.fields.lineStarts = replaced(starts, first + 1, last - first, newStarts);
    this.fields.endings = replaced(endings, first, last - first + 1, newEndings);
    this.fields.text = text;
    if (delta !== 0) {
      const s = this.fields.lineStarts;
      for (let i = first + 1 + newStarts.length; i < s.length; i++) s[i]! += delta;
    }
  }

  /** A SourceText over the current text sharing this table; valid until the next update. */
  source(): SourceText {
    return this.view;
  }
}

/** `array` with `count` items from `at` replaced by `items` (in place unless `items` is long). */
function replaced<T>(array: T[], at: number, count: number, items: T[]): T[] {
  if (items.length < 10000) {
    array.splice(at, count, ...items);
    return array;
  }
  return array.slice(0, at).concat(items, array.slice(at + count));
}
