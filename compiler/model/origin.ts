/**
 * Where model objects came from: for each object, its block's opener line and, per field, the
 * statement that set it. A large file sets hundreds of thousands of fields, so the spans are
 * rows of one integer table per model rather than an object each; a span object is made
 * only when a rule or the language server asks for one.
 */
import { IntRows } from "../../grammar/index.ts";

/** Where something stands in the file: offsets (end exclusive) and the 1-based line. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** Where a part of a document starts now: the language server moves parts as edits come. */
export interface Place {
  readonly start: number;
  readonly line: number;
}

/** Spans as rows of three integers (start, end, line), in the order they were read. */
export class SpanTable extends IntRows {
  constructor() {
    super(3, 1024);
  }

  /** Adds a span; returns its row. */
  add(start: number, end: number, line: number): number {
    const at = this.addRow();
    const d = this.data;
    d[at] = start;
    d[at + 1] = end;
    d[at + 2] = line;
    return this.length - 1;
  }

  start(row: number): number {
    return this.data[row * 3]!;
  }

  end(row: number): number {
    return this.data[row * 3 + 1]!;
  }

  line(row: number): number {
    return this.data[row * 3 + 2]!;
  }
}

/** A move of the spans read from a text where a part began at `offset` and `line`, to `place`. */
interface Move {
  readonly place: Place;
  readonly offset: number;
  readonly line: number;
}

const NO_ROW = -1;

/** Where one model object (the global section, a virtual or a server) was read from. */
export class Origin {
  /** Per Piranha keyword name, the table row of the statement that set the field. */
  private readonly rows: Record<string, number> = {};
  private moves: Move[] | null = null;

  private readonly openerRow: number;

  /** `opener`: the block's opener line; none for the global section. */
  constructor(
    private readonly table: SpanTable,
    opener?: SourceSpan,
  ) {
    this.openerRow = opener ? table.add(opener.start, opener.end, opener.line) : NO_ROW;
  }

  /** Records that the statement spanning [start, end) on `line` set `field`. */
  record(field: string, start: number, end: number, line: number): void {
    this.rows[field] = this.table.add(start, end, line);
  }

  /** Takes back that the file set `field`. */
  forget(field: string): void {
    delete this.rows[field];
  }

  /** Whether the file set `field`. */
  has(field: string): boolean {
    return this.rows[field] !== undefined;
  }

  /** The statement that set `field`, if the file set it. */
  span(field: string): SourceSpan | undefined {
    const row = this.rows[field];
    return row === undefined ? undefined : this.spanAt(row);
  }

  /** Where the statement that set `field` starts, if the file set it: `span(field).start` without a span. */
  startOf(field: string): number | undefined {
    const row = this.rows[field];
    if (row === undefined) return undefined;
    return this.table.start(row) + this.offsetMoved();
  }

  /** The block's opener line (`virtual NAME {`); null for the global section. */
  get opener(): SourceSpan | null {
    return this.openerRow === NO_ROW ? null : this.spanAt(this.openerRow);
  }

  /** The fields the file set, in the order it first set them. */
  get fields(): string[] {
    return Object.keys(this.rows);
  }

  /**
   * From now on, spans count from where `place` stands: they were read from a text where the
   * part began at offset `offset` and line `line`. `place` may move later; spans follow it.
   */
  follow(place: Place, offset: number, line: number): void {
    (this.moves ??= []).push({ place, offset, line });
  }

  private spanAt(row: number): SourceSpan {
    const t = this.table;
    const by = this.offsetMoved();
    return { start: t.start(row) + by, end: t.end(row) + by, line: t.line(row) + this.linesMoved() };
  }

  /** How far the moves have shifted offsets since the text was read. */
  private offsetMoved(): number {
    let by = 0;
    if (this.moves) for (const m of this.moves) by += m.place.start - m.offset;
    return by;
  }

  /** How far the moves have shifted line numbers since the text was read. */
  private linesMoved(): number {
    let by = 0;
    if (this.moves) for (const m of this.moves) by += m.place.line - m.line;
    return by;
  }
}
