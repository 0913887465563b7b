/**
 * POSIX extended regular expressions read the way glibc's regcomp(REG_EXTENDED) reads them in the
 * C locale (regcomp.c with RE_SYNTAX_POSIX_EXTENDED): a syntax tree, or glibc's error code and
 * where it arose. GNU escapes and back-references are read as glibc reads them.
 *
 * The pattern is given as bytes, one character per byte (a latin1 string of its UTF-8): glibc
 * reads bytes in the C locale. Positions in the tree and the errors are byte offsets.
 */
import { byteSet, C_CLASSES, NO_BYTES, type ByteSet } from "./bytes.ts";

/** glibc's regerror() texts, by error code. */
export const ERE_ERROR_TEXTS = {
  BADPAT: "Invalid regular expression",
  ECOLLATE: "Invalid collation character",
  ECTYPE: "Invalid character class name",
  EESCAPE: "Trailing backslash",
  ESUBREG: "Invalid back reference",
  EBRACK: "Unmatched [, [^, [:, [., or [=",
  EPAREN: "Unmatched ( or \\(",
  EBRACE: "Unmatched \\{",
  BADBR: "Invalid content of \\{\\}",
  ERANGE: "Invalid range end",
  ESIZE: "Regular expression too big",
  BADRPT: "Invalid preceding regular expression",
} as const;

export type EreErrorCode = keyof typeof ERE_ERROR_TEXTS;

/** Why regcomp refuses a pattern: its code, and the bytes at fault. */
export interface EreSyntaxError {
  readonly code: EreErrorCode;
  readonly start: number;
  readonly end: number;
  /** For ERANGE: a range running backwards, one with a class at an end, or a stray `-`. */
  readonly range?: "backwards" | "class" | "hyphen";
}

/** RE_DUP_MAX: the largest repeat count. */
export const DUP_MAX = 0x7fff;

export interface Alternation {
  readonly kind: "alternation";
  readonly branches: readonly Branch[];
  readonly start: number;
  readonly end: number;
}

export interface Branch {
  readonly items: readonly EreNode[];
  readonly start: number;
  readonly end: number;
}

/** `^`, `$`, or a GNU anchor escape: `\<` `\>` `\b` `\B` `` \` `` `\'`. Nothing repeats one. */
export interface Anchor {
  readonly kind: "anchor";
  readonly anchor: "^" | "$" | "<" | ">" | "b" | "B" | "`" | "'";
  readonly start: number;
  readonly end: number;
}

/**
 * One byte out of a set: a plain or escaped character, `.`, a bracket expression, or a GNU class
 * escape (`\w` `\W` `\s` `\S`).
 */
export interface Bytes {
  readonly kind: "bytes";
  readonly set: ByteSet;
  readonly start: number;
  readonly end: number;
}

export interface Group {
  readonly kind: "group";
  /** 1 for the first `(` of the pattern, and so on. */
  readonly number: number;
  readonly body: Alternation;
  readonly start: number;
  readonly end: number;
}

export interface BackReference {
  readonly kind: "backref";
  readonly number: number;
  readonly start: number;
  readonly end: number;
}

/** `*`, `+`, `?` or `{m,n}` after `body`; `start` is the operator's first byte. */
export interface Repeat {
  readonly kind: "repeat";
  readonly body: EreNode;
  readonly min: number;
  /** null: no upper bound. */
  readonly max: number | null;
  readonly start: number;
  readonly end: number;
}

export type EreNode = Anchor | Bytes | Group | BackReference | Repeat;

export type ParsedEre = { readonly ok: true; readonly tree: Alternation; readonly groups: number } | { readonly ok: false; readonly error: EreSyntaxError };

class Refusal extends Error {
  constructor(readonly error: EreSyntaxError) {
    super(ERE_ERROR_TEXTS[error.code]);
  }
}

const refuse = (code: EreErrorCode, start: number, end: number, range?: EreSyntaxError["range"]): never => {
  throw new Refusal(range ? { code, start, end, range } : { code, start, end });
};

const ANY = byteSet(() => true);
const WORD = byteSet((b) => C_CLASSES.alnum(b) || b === 0x5f);
const SPACE = byteSet(C_CLASSES.space);
const CLASS_ESCAPES: Readonly<Record<string, ByteSet>> = { w: WORD, W: WORD.map((on) => !on), s: SPACE, S: SPACE.map((on) => !on) };
const ANCHOR_ESCAPES = new Set(["<", ">", "b", "B", "`", "'"]);

type BracketElement =
  | { readonly kind: "char"; readonly byte: number; readonly start: number; readonly end: number }
  | { readonly kind: "class" | "equiv" | "collating"; readonly name: string; readonly start: number; readonly end: number };

/** A recursive-descent reading that follows glibc's parser, error for error. */
class Reader {
  private i = 0;
  private groups = 0;
  /** Groups closed on the way to here: glibc lets `\n` refer to those only. */
  private closed = new Set<number>();

  constructor(private readonly p: string) {}

  read(): ParsedEre {
    try {
      const tree = this.alternation(0);
      return { ok: true, tree, groups: this.groups };
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, error: e.error };
      throw e;
    }
  }

  private get atEnd(): boolean {
    return this.i >= this.p.length;
  }

  private alternation(nest: number): Alternation {
    const start = this.i;
    const before = this.closed;
    const after = new Set(before);
    const branches: Branch[] = [];
    for (;;) {
      this.closed = new Set(before);
      branches.push(this.branch(nest));
      for (const g of this.closed) after.add(g);
      if (this.p[this.i] !== "|") break;
      this.i++;
    }
    this.closed = after;
    return { kind: "alternation", branches, start, end: this.i };
  }

  private branch(nest: number): Branch {
    const start = this.i;
    const items: EreNode[] = [];
    while (!this.atEnd && this.p[this.i] !== "|" && !(nest > 0 && this.p[this.i] === ")")) items.push(this.expression(nest));
    return { items, start, end: this.i };
  }

  private expression(nest: number): EreNode {
    const start = this.i;
    const c = this.p[this.i++]!;
    let atom: EreNode;
    switch (c) {
      case "*":
      case "+":
      case "?":
        return refuse("BADRPT", start, start + 1);
      case "{": {
        const close = this.p.indexOf("}", start);
        return refuse("BADRPT", start, close < 0 ? start + 1 : close + 1);
      }
      case "^":
      case "$":
        return { kind: "anchor", anchor: c, start, end: this.i };
      case "(":
        atom = this.group(nest, start);
        break;
      case "[":
        atom = { kind: "bytes", set: this.bracket(start), start, end: this.i };
        break;
      case ".":
        atom = { kind: "bytes", set: ANY, start, end: this.i };
        break;
      case "\\": {
        const escaped = this.escape(start);
        // Anchors take no repeat: a `*` after one starts the next expression, and fails there.
        if (escaped.kind === "anchor") return escaped;
        atom = escaped;
        break;
      }
      default: {
        // `)` with no group open and `}` are plain characters.
        const b = c.charCodeAt(0);
        atom = { kind: "bytes", set: byteSet((x) => x === b), start, end: this.i };
      }
    }
    return this.repeats(atom);
  }

  /** `*`, `+`, `?` and `{…}` after an atom; several in a row each apply to the whole before. */
  private repeats(atom: EreNode): EreNode {
    let out = atom;
    for (;;) {
      const start = this.i;
      const c = this.p[start];
      if (c === "*" || c === "+" || c === "?") {
        this.i++;
        out = { kind: "repeat", body: out, min: c === "+" ? 1 : 0, max: c === "?" ? 1 : null, start, end: this.i };
      } else if (c === "{") {
        const { min, max } = this.interval();
        out = { kind: "repeat", body: out, min, max, start, end: this.i };
      } else return out;
    }
  }

  private group(nest: number, open: number): Group {
    const number = ++this.groups;
    const body = this.p[this.i] === ")" ? { kind: "alternation" as const, branches: [{ items: [], start: this.i, end: this.i }], start: this.i, end: this.i } : this.alternation(nest + 1);
    if (this.p[this.i] !== ")") return refuse("EPAREN", open, open + 1);
    this.i++;
    this.closed.add(number);
    return { kind: "group", number, body, start: open, end: this.i };
  }

  private escape(start: number): Anchor | Bytes | BackReference {
    if (this.atEnd) return refuse("EESCAPE", start, start + 1);
    const e = this.p[this.i++]!;
    const end = this.i;
    if (e >= "1" && e <= "9") {
      if (!this.closed.has(Number(e))) return refuse("ESUBREG", start, end);
      return { kind: "backref", number: Number(e), start, end };
    }
    if (ANCHOR_ESCAPES.has(e)) return { kind: "anchor", anchor: e as Anchor["anchor"], start, end };
    const b = e.charCodeAt(0);
    return { kind: "bytes", set: CLASS_ESCAPES[e] ?? byteSet((x) => x === b), start, end };
  }

  /** `{m}`, `{m,}`, `{m,n}` or `{,n}` with glibc's errors for anything else. */
  private interval(): { min: number; max: number | null } {
    const open = this.i++;
    const first = this.number();
    let lo = first.num;
    let hi = -2;
    let last = first.stop;
    const fail = (code: EreErrorCode): never => {
      const close = this.p.indexOf("}", open);
      return refuse(code, open, code === "EBRACE" ? this.p.length : close < 0 ? open + 1 : close + 1);
    };
    if (lo === -1) {
      if (first.stop !== ",") return fail("BADBR");
      lo = 0;
    }
    if (lo !== -2) {
      if (first.stop === "}") hi = lo;
      else if (first.stop === ",") {
        const second = this.number();
        hi = second.num;
        last = second.stop;
      }
    }
    if (lo === -2 || hi === -2) return fail(last === "end" ? "EBRACE" : "BADBR");
    if ((hi !== -1 && lo > hi) || last !== "}") return fail("BADBR");
    if ((hi === -1 ? lo : hi) > DUP_MAX) return refuse("ESIZE", open, this.i);
    return { min: lo, max: hi === -1 ? null : hi };
  }

  /** glibc's fetch_number: digits up to `}` or `,`; -1 for none, -2 when anything else came. */
  private number(): { num: number; stop: "}" | "," | "end" } {
    let num = -1;
    for (;;) {
      if (this.atEnd) return { num: -2, stop: "end" };
      const c = this.p[this.i]!;
      let digit: number | null;
      if (c === "\\") {
        const e = this.p[this.i + 1];
        this.i += e === undefined ? 1 : 2;
        if (e === ",") return { num, stop: "," };
        // `\0` is glibc's plain character 0; `\1`…`\9` are back-references.
        digit = e === "0" ? 0 : null;
      } else {
        this.i++;
        if (c === "}" || c === ",") return { num, stop: c };
        digit = c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : null;
      }
      num = digit === null || num === -2 ? -2 : num === -1 ? digit : Math.min(DUP_MAX + 1, num * 10 + digit);
    }
  }

  /** `[…]` as glibc's parse_bracket_exp reads it; backslash is a plain character inside. */
  private bracket(open: number): ByteSet {
    const set = [...NO_BYTES];
    const unclosed = (): never => refuse("EBRACK", open, this.p.length);
    let negate = false;
    if (this.atEnd) return refuse("BADPAT", open, open + 1);
    if (this.p[this.i] === "^") {
      negate = true;
      this.i++;
      if (this.atEnd) return refuse("BADPAT", open, this.i);
    }
    let first = true;
    for (;;) {
      const start = this.bracketElement(first);
      first = false;
      if (this.atEnd) return unclosed();
      // `-` before the closing `]` is a plain character, read in the next round.
      if (start.kind !== "class" && start.kind !== "equiv" && this.p[this.i] === "-" && this.p[this.i + 1] !== "]") {
        this.i++;
        if (this.atEnd) return unclosed();
        const end = this.bracketElement(true);
        const lo = rangeEnd(start, end);
        const hi = rangeEnd(end, start);
        if (lo > hi) return refuse("ERANGE", start.start, end.end, "backwards");
        for (let b = lo; b <= hi; b++) set[b] = true;
      } else addElement(set, start);
      if (this.atEnd) return unclosed();
      if (this.p[this.i] === "]") {
        this.i++;
        return negate ? set.map((on) => !on) : set;
      }
    }
  }

  /** One element: `[:class:]`, `[=c=]`, `[.c.]` or a byte (a `]` first in the list included). */
  private bracketElement(acceptHyphen: boolean): BracketElement {
    const c = this.p[this.i]!;
    const kind = this.p[this.i + 1];
    if (c === "[" && (kind === ":" || kind === "=" || kind === ".")) return this.bracketSymbol(kind);
    // A `-` that is neither first, last nor a range's end: glibc calls that a bad range.
    if (c === "-" && !acceptHyphen && this.p[this.i + 1] !== "]") return refuse("ERANGE", this.i, this.i + 1, "hyphen");
    const start = this.i++;
    return { kind: "char", byte: c.charCodeAt(0), start, end: this.i };
  }

  private bracketSymbol(delimiter: string): BracketElement {
    const open = this.i;
    this.i += 2;
    const unclosed = (): never => refuse("EBRACK", open, this.p.length);
    if (this.atEnd) return unclosed();
    let name = "";
    for (;;) {
      if (name.length >= 32) return unclosed();
      const ch = this.p[this.i++]!;
      if (this.atEnd) return unclosed();
      if (ch === delimiter && this.p[this.i] === "]") break;
      name += ch;
    }
    this.i++;
    return { kind: delimiter === ":" ? "class" : delimiter === "=" ? "equiv" : "collating", name, start: open, end: this.i };
  }
}

function addElement(set: boolean[], element: BracketElement): void {
  if (element.kind === "char") {
    set[element.byte] = true;
    return;
  }
  if (element.kind === "class") {
    const test = Object.hasOwn(C_CLASSES, element.name) ? C_CLASSES[element.name as keyof typeof C_CLASSES] : refuse("ECTYPE", element.start, element.end);
    for (let b = 0; b < 256; b++) if (test(b)) set[b] = true;
    return;
  }
  // In the C locale a collating element or an equivalence class is one character.
  if (element.name.length !== 1) refuse("ECOLLATE", element.start, element.end);
  set[element.name.charCodeAt(0)] = true;
}

/** The byte at one end of a range; `other` is the range's other end, for the error's place. */
function rangeEnd(element: BracketElement, other: BracketElement): number {
  if (element.kind === "char") return element.byte;
  const span: [number, number] = [Math.min(element.start, other.start), Math.max(element.end, other.end)];
  if (element.kind !== "collating") return refuse("ERANGE", span[0], span[1], "class");
  if (element.name.length !== 1) return refuse("ECOLLATE", element.start, element.end);
  return element.name.charCodeAt(0);
}

/** Reads a pattern given as bytes (see the file's comment). */
export function parseEre(bytes: string): ParsedEre {
  return new Reader(bytes).read();
}
