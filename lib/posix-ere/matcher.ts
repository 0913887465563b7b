/**
 * A parsed pattern as a JavaScript regular expression that finds what glibc's regexec finds:
 * an unanchored search, byte by byte, where `.` and `[^…]` match a newline.
 *
 * `^` and `$` are the ends of the subject, with one glibc quirk kept: a `^` right after a
 * newline the match itself took, and a `$` right before a newline the match takes next, hold
 * too (so `\r\n^Server:` finds a header). A `^` that starts a top-level alternative or a `$`
 * that ends one cannot meet that case and stays a plain anchor; a pattern with one anywhere else
 * is searched in "newline" mode: each newline of the subject is preceded by a marker character
 * (U+0101) that a `$` may take to promise the newline comes next, and the search tries the
 * places right after a newline on their own, with that newline hidden, since a match never
 * starts after a newline it took.
 */
import { asBytes, type ByteSet } from "./bytes.ts";
import { backtrackSearch, STEP_BUDGET } from "./backtrack.ts";
import { compileNfa, NfaSearch } from "./nfa.ts";
import { ERE_ERROR_TEXTS, parseEre, type Alternation, type EreNode } from "./syntax.ts";

/** A compiled pattern: whether it matches somewhere in a subject (bytes, cut at the first NUL). */
export interface EreMatcher {
  readonly ok: true;
  /** The JavaScript source it became (the translation), empty for the automaton and the backtracker. */
  readonly source: string;
  matches(subject: Uint8Array): boolean;
  /** A search fed the subject in pieces, in linear time; null for a pattern with back-references. */
  readonly search: (() => IncrementalSearch) | null;
}

/** A search fed in pieces: `matched` once a match is certain; `end()` answers for what was fed. */
export interface IncrementalSearch {
  readonly matched: boolean;
  feed(bytes: Uint8Array): void;
  end(): boolean;
}

export type CompiledEre = EreMatcher | { readonly ok: false; readonly error: string };

/** The marker before each newline in "newline" mode, and what hides a newline before a start. */
const NEWLINE_MARK = "\u0101";
const HIDDEN_NEWLINE = "\u0100";
const NEWLINE = 0x0a;
const WORD_CLASS = "[A-Za-z0-9_]";

const hex = (b: number): string => `\\x${b.toString(16).padStart(2, "0")}`;

/** A class of exactly these bytes (a subject never holds anything above 0xff but the markers). */
function charClass(set: ByteSet): string {
  let out = "";
  for (let b = 0; b < 256; b++) {
    if (!set[b]) continue;
    let e = b;
    while (e + 1 < 256 && set[e + 1]) e++;
    out += e === b ? hex(b) : `${hex(b)}-${hex(e)}`;
    b = e;
  }
  return `[${out}]`;
}

/** Whether an anchor of the tree needs "newline" mode (see the file's comment). */
function needsNewlines(tree: Alternation): boolean {
  const inside = (node: EreNode, nest: number, first: boolean, last: boolean): boolean => {
    switch (node.kind) {
      case "anchor":
        return (node.anchor === "^" && !(nest === 0 && first)) || (node.anchor === "$" && !(nest === 0 && last));
      case "group":
        return node.body.branches.some((b) => b.items.some((n) => inside(n, nest + 1, false, false)));
      case "repeat":
        return inside(node.body, nest, false, false);
      default:
        return false;
    }
  };
  return tree.branches.some((b) => b.items.some((n, i) => inside(n, 0, i === 0, i === b.items.length - 1)));
}

/** Writes the tree as JavaScript source; groups stay capturing and in order, so `\n` keeps its number. */
class Writer {
  constructor(private readonly newlines: boolean) {}

  /** A `^` past the start: also right after a newline the match took. */
  private get midCaret(): string {
    return this.newlines ? `(?<=(?:^|\\n)${NEWLINE_MARK}?)` : "^";
  }

  alternation(a: Alternation, nest: number): string {
    return a.branches
      .map((b) => {
        let out = "";
        let last = "";
        b.items.forEach((node, i) => {
          const next = this.node(node, nest, i === 0, i === b.items.length - 1);
          // `^^` holds where `^` does; written twice, the second could not find the newline again.
          if (next !== this.midCaret || last !== this.midCaret) out += next;
          last = next;
        });
        return out;
      })
      .join("|");
  }

  private node(node: EreNode, nest: number, first: boolean, last: boolean): string {
    switch (node.kind) {
      case "anchor":
        return this.anchor(node.anchor, nest, first, last);
      case "bytes":
        return this.bytes(node.set);
      case "group":
        return `(${this.alternation(node.body, nest + 1)})`;
      case "backref":
        return `(?:\\${node.number})`;
      case "repeat": {
        const body = this.node(node.body, nest, false, false);
        const op = node.max === null ? (node.min === 0 ? "*" : node.min === 1 ? "+" : `{${node.min},}`) : node.min === 0 && node.max === 1 ? "?" : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
        return (node.body.kind === "repeat" ? `(?:${body})` : body) + op;
      }
    }
  }

  private anchor(anchor: string, nest: number, first: boolean, last: boolean): string {
    // In "newline" mode a `$` may have taken the marker before a newline: look through it.
    const behind = this.newlines ? `${WORD_CLASS}${NEWLINE_MARK}?` : WORD_CLASS;
    const after = `(?<=${behind})`;
    const notAfter = `(?<!${behind})`;
    const before = `(?=${WORD_CLASS})`;
    const notBefore = `(?!${WORD_CLASS})`;
    switch (anchor) {
      case "^":
        return nest === 0 && first ? "^" : this.midCaret;
      case "$":
        return nest === 0 && last ? "$" : this.newlines ? `(?:$|${NEWLINE_MARK}|(?<=${NEWLINE_MARK}))` : "$";
      case "<":
        return notAfter + before;
      case ">":
        return after + notBefore;
      case "b":
        return this.newlines ? `(?:${after}${notBefore}|${notAfter}${before})` : "\\b";
      case "B":
        return this.newlines ? `(?:${after}${before}|${notAfter}${notBefore})` : "\\B";
      // The ends of the buffer, newline or not.
      case "`":
        return this.newlines ? `(?<=^${NEWLINE_MARK}?)` : "^";
      default:
        return "$";
    }
  }

  /** A set of bytes; in "newline" mode a newline takes its marker along. */
  private bytes(set: ByteSet): string {
    if (!this.newlines || !set[NEWLINE]) {
      const single = set.indexOf(true);
      if (single >= 0 && set.lastIndexOf(true) === single) return /[A-Za-z0-9]/.test(String.fromCharCode(single)) ? String.fromCharCode(single) : hex(single);
      return charClass(set);
    }
    const others = set.map((on, b) => on && b !== NEWLINE);
    const newline = `${NEWLINE_MARK}?\\n`;
    return others.includes(true) ? `(?:${charClass(others)}|${newline})` : `(?:${newline})`;
  }
}

/** Up to the first NUL, as C sees a string, one character per byte. */
function cSubject(subject: Uint8Array): string {
  const nul = subject.indexOf(0);
  return Buffer.from(nul < 0 ? subject : subject.subarray(0, nul)).toString("latin1");
}

function newlineMode(source: string): EreMatcher {
  // Never start or end between a marker and its newline, nor start right after a newline.
  const search = new RegExp(`(?<![\\n${NEWLINE_MARK}])(?:${source})(?<!${NEWLINE_MARK})`);
  const at = new RegExp(`(?:${source})(?<!${NEWLINE_MARK})`, "y");
  return {
    ok: true,
    source,
    search: null,
    matches(subject) {
      const text = cSubject(subject).replaceAll("\n", `${NEWLINE_MARK}\n`);
      if (search.test(text)) return true;
      for (let start = text.indexOf("\n") + 1; start > 0; start = text.indexOf("\n", start) + 1) {
        at.lastIndex = start;
        if (at.test(`${text.slice(0, start - 1)}${HIDDEN_NEWLINE}${text.slice(start)}`)) return true;
      }
      return false;
    },
  };
}

/** A search that ran out of its step budget (a pattern with back-references, a hostile subject). */
export class EreOutOfSteps extends Error {}

/**
 * `pattern` (as nanny gets it, UTF-8 encoded) as glibc compiles it, or glibc's reason to refuse
 * it. Without back-references it is searched by an automaton in time linear in the subject
 * (nfa.ts); with them, by backtracking within a step budget (backtrack.ts), `matches` throwing
 * EreOutOfSteps when it runs out. The JavaScript translation below is the reading both are
 * tested against.
 */
export function compileEre(pattern: string): CompiledEre {
  const parsed = parseEre(asBytes(pattern));
  if (!parsed.ok) return { ok: false, error: `${ERE_ERROR_TEXTS[parsed.error.code]} (at byte ${parsed.error.start})` };
  const program = compileNfa(parsed.tree);
  if (program === null) {
    const { tree, groups } = parsed;
    return {
      ok: true,
      source: "",
      search: null,
      matches(subject) {
        const found = backtrackSearch(tree, groups, subject);
        if (found === "out-of-steps") throw new EreOutOfSteps(`more than ${STEP_BUDGET} steps`);
        return found;
      },
    };
  }
  return {
    ok: true,
    source: "",
    search: () => new NfaSearch(program),
    matches(subject) {
      const search = new NfaSearch(program);
      search.feed(subject);
      return search.end();
    },
  };
}

/** The same pattern as a JavaScript regular expression, whatever it holds (back-references too). */
export function compileEreAsRegExp(pattern: string): CompiledEre {
  const parsed = parseEre(asBytes(pattern));
  if (!parsed.ok) return { ok: false, error: `${ERE_ERROR_TEXTS[parsed.error.code]} (at byte ${parsed.error.start})` };
  return backtracking(parsed.tree);
}

function backtracking(tree: Alternation): EreMatcher {
  if (!needsNewlines(tree)) {
    const source = new Writer(false).alternation(tree, 0);
    const regexp = new RegExp(source);
    return { ok: true, source, search: null, matches: (subject) => regexp.test(cSubject(subject)) };
  }
  return newlineMode(new Writer(true).alternation(tree, 0));
}
