/**
 * The text of a generated file of many lines, joined a few thousand lines at a time: each line
 * is garbage as soon as its chunk is joined, and only the chunks, large enough for V8 to keep
 * them where it does not copy them, live until the file is written. The chunks are encoded
 * one after another (`pieces`), never joined into one string, unless a caller wants the text.
 */
const CHUNK_LINES = 4096;

export class LineText {
  private lines: string[] = [];
  private readonly chunks: string[] = [];

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length === CHUNK_LINES) this.flush();
  }

  /** The lines, each ended by LF, in pieces. */
  pieces(): readonly string[] {
    this.flush();
    return this.chunks;
  }

  /** The lines, each ended by LF. */
  text(): string {
    return this.pieces().join("");
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.lines.push("");
    this.chunks.push(this.lines.join("\n"));
    this.lines = [];
  }
}
