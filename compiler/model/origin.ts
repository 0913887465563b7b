/**
 * Where model objects came from: for each object, its block's opener line and, per field, the
 * statement that set it. A large file sets hundreds of thousands of fields, so the spans are
 * rows of one integer table per model, and which span set which field of which object is a
 * row of one more table per level: no object per span or per field. A span object is made
 * only when a rule or the language server asks for one.
 */
import { IntRows, KEYWORDS, type Keyword, type Level } from "../../grammar/index.ts";

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

const NO_ROW = -1;

/** Column 0 of a field row holds the opener's span; the fields of the level follow. */
const OPENER = 0;

/** Per level, the fields (the names of its keywords, in table order) and their columns. */
const COLUMNS: Readonly<Record<Level, ReadonlyMap<string, number>>> = {
  global: columnsOf("global"),
  virtual: columnsOf("virtual"),
  server: columnsOf("server"),
};

function columnsOf(level: Level): Map<string, number> {
  return new Map(KEYWORDS.filter((k) => k.level === level).map((k, i) => [k.name, OPENER + 1 + i]));
}

/** Each keyword's column, by keyword id. */
const COLUMN_OF = Int32Array.from(KEYWORDS, (k) => COLUMNS[k.level].get(k.name)!);

/** Per model object of one level, the span row of its opener and of the statement that set each field. */
class FieldRows extends IntRows {
  readonly columns: ReadonlyMap<string, number>;

  constructor(level: Level) {
    const columns = COLUMNS[level];
    super(columns.size + 1, level === "global" ? 1 : 256);
    this.columns = columns;
  }

  /** Adds an object whose fields are all unset; returns its row. */
  add(opener: number): number {
    const at = this.addRow();
    this.data.fill(NO_ROW, at, at + this.width);
    this.data[at + OPENER] = opener;
    return this.length - 1;
  }

  get(row: number, column: number): number {
    return this.data[row * this.width + column]!;
  }

  set(row: number, column: number, spanRow: number): void {
    this.data[row * this.width + column] = spanRow;
  }
}

/** The tables behind the origins of one model. */
export class OriginTables {
  readonly spans = new SpanTable();
  private readonly rows: Readonly<Record<Level, FieldRows>> = {
    global: new FieldRows("global"),
    virtual: new FieldRows("virtual"),
    server: new FieldRows("server"),
  };

  /** The origin of a new model object of `level`; `opener`: its block's opener line (none for the global section). */
  origin(level: Level, opener?: SourceSpan): Origin {
    const row = this.rows[level].add(opener ? this.spans.add(opener.start, opener.end, opener.line) : NO_ROW);
    return new Origin(this.spans, this.rows[level], row);
  }
}

/** A move of the spans read from a text where a part began at `offset` and `line`, to `place`. */
interface Move {
  readonly place: Place;
  readonly offset: number;
  readonly line: number;
}

/** Where one model object (the global section, a virtual or a server) was read from. */
export class Origin {
  private moves: Move[] | null = null;

  constructor(
    private readonly spans: SpanTable,
    private readonly rows: FieldRows,
    private readonly row: number,
  ) {}

  /** Records that the statement spanning [start, end) on `line` set the field of keyword `kw`. */
  record(kw: Keyword, start: number, end: number, line: number): void {
    this.rows.set(this.row, COLUMN_OF[kw.id]!, this.spans.add(start, end, line));
  }

  /** Takes back that the file set the field of keyword `kw`. */
  forget(kw: Keyword): void {
    this.rows.set(this.row, COLUMN_OF[kw.id]!, NO_ROW);
  }

  /** The span row of the statement that set `field`; NO_ROW when none did. */
  private spanRow(field: string): number {
    const column = this.rows.columns.get(field);
    return column === undefined ? NO_ROW : this.rows.get(this.row, column);
  }

  /** Whether the file set `field`. */
  has(field: string): boolean {
    return this.spanRow(field) !== NO_ROW;
  }

  /** The statement that set `field`, if the file set it. */
  span(field: string): SourceSpan | undefined {
    const row = this.spanRow(field);
    return row === NO_ROW ? undefined : this.spanAt(row);
  }

  /** Where the statement that set `field` starts, if the file set it: `span(field).start` without a span. */
  startOf(field: string): number | undefined {
    const row = this.spanRow(field);
    return row === NO_ROW ? undefined : this.spans.start(row) + this.offsetMoved();
  }

  /** The block's opener line (`virtual NAME {`); null for the global section. */
  get opener(): SourceSpan | null {
    const row = this.rows.get(this.row, OPENER);
    return row === NO_ROW ? null : this.spanAt(row);
  }

  /** The fields the file set, in the order of the statements that set them. */
  get fields(): string[] {
    const set: Array<[string, number]> = [];
    for (const [field, column] of this.rows.columns) {
      const row = this.rows.get(this.row, column);
      if (row !== NO_ROW) set.push([field, row]);
    }
    return set.sort((a, b) => a[1] - b[1]).map(([field]) => field);
  }

  /**
   * From now on, spans count from where `place` stands: they were read from a text where the
   * part began at offset `offset` and line `line`. `place` may move later; spans follow it.
   */
  follow(place: Place, offset: number, line: number): void {
    (this.moves ??= []).push({ place, offset, line });
  }

  private spanAt(row: number): SourceSpan {
    const t = this.spans;
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
