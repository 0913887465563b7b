/**
 * What a reader of a pattern should be told: what glibc's regcomp refuses (from the parser's
 * error), what it reads otherwise than written, and what POSIX leaves undefined though glibc
 * accepts it (from the syntax tree). The words are for an lvs.cf `expect`: the advice is how to
 * write the same thing without a backslash escape nanny would hang on.
 */
import { asBytes } from "./bytes.ts";
import { DUP_MAX, parseEre, type Alternation, type EreNode, type EreSyntaxError } from "./syntax.ts";

export interface EreFinding {
  /** Indices in the pattern (characters of the string given), end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly severity: "error" | "warning";
  /** glibc's regcomp refuses the pattern. */
  readonly rejected: boolean;
  /** What is wrong, without a final full stop. */
  readonly message: string;
  /** What to write instead, without a final full stop; empty when there is nothing to add. */
  readonly advice: string;
}

/** How a stretch of the pattern reads in a message (by default, as it stands in the pattern). */
export type Show = (start: number, end: number) => string;

/**
 * How to write, without a backslash escape nanny would hang on, what a regex escape `\c` is
 * usually meant to say (in backticks, for a message).
 */
export function bracketFor(c: string): string {
  const classes: Record<string, string> = {
    d: "[0-9]",
    D: "[^0-9]",
    s: "[[:space:]]",
    S: "[^[:space:]]",
    w: "[[:alnum:]_]",
    W: "[^[:alnum:]_]",
  };
  const known = Object.hasOwn(classes, c) ? classes[c] : undefined;
  if (known) return `\`${known}\``;
  if (c === "^") return "`\\\\^` (two backslashes)";
  if (c === "\\") return "`[\\\\]`";
  if (c === "]") return "`[]]`";
  if (c.length === 1 && !/[A-Za-z0-9]/.test(c) && c.charCodeAt(0) > 32) return `\`[${c}]\``;
  return "a bracket expression";
}

/** The findings on `pattern`, a string as nanny gets it (glibc reads its UTF-8 bytes). */
export function ereFindings(pattern: string, show: Show = (a, b) => pattern.slice(a, b)): EreFinding[] {
  const bytes = asBytes(pattern);
  // Byte offsets back to characters of `pattern`.
  const charAt = new Int32Array(bytes.length + 1);
  for (let c = 0, b = 0; c < pattern.length; c++) {
    const code = pattern.codePointAt(c)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) charAt[b + k] = c;
    b += width;
    if (code >= 0x10000) c++;
  }
  charAt[bytes.length] = pattern.length;
  const found: EreFinding[] = [];
  const add = (severity: "error" | "warning", rejected: boolean, start: number, end: number, message: string, advice = ""): void =>
    void found.push({ start: charAt[start]!, end: charAt[end]!, severity, rejected, message, advice });
  const text: Show = (a, b) => show(charAt[a]!, charAt[b]!);
  const parsed = parseEre(bytes);
  if (!parsed.ok) {
    const r = refusal(parsed.error, bytes, text);
    add("error", true, r.start, r.end, r.message, r.advice);
    return found;
  }
  if (bytes.length === 0) {
    add("warning", false, 0, 0, "an empty pattern matches anything, so every reply passes and the check only tests that the server answers");
    return found;
  }
  new Reading(bytes, text, add).alternation(parsed.tree, 0, -1);
  return found;
}

/** Where and in what words to report what regcomp refuses. */
function refusal(e: EreSyntaxError, p: string, show: Show): { start: number; end: number; message: string; advice: string } {
  const { start, end } = e;
  const n = p.length;
  const unclosedBracket = { start, end: n, message: "`[` opens a bracket expression that is never closed with `]`", advice: "" };
  switch (e.code) {
    case "BADRPT": {
      const c = p[start]!;
      const before = p[start - 1];
      const anchor = (before === "^" || before === "$") && p[start - 2] !== "\\" ? before : p[start - 2] === "\\" && "<>bB`'".includes(before ?? "x") ? `\\${before}` : null;
      return { start, end, message: `\`${show(start, end)}\` repeats ${anchor ? `an anchor (\`${anchor.slice(-1)}\`)` : "nothing"}`, advice: `For a literal \`${c}\` write \`[${c}]\`` };
    }
    case "EPAREN":
      return { start, end, message: "`(` is never closed with `)`", advice: "Close the group, or write `[(]` for a literal parenthesis" };
    case "EBRACK":
    case "BADPAT":
      return unclosedBracket;
    case "ECTYPE":
      return { start, end, message: `\`[:${p.slice(start + 2, end - 2)}:]\` is not a character class`, advice: "The C locale has alnum, alpha, blank, cntrl, digit, graph, lower, print, punct, space, upper and xdigit" };
    case "ECOLLATE":
      return { start, end, message: `\`${show(start, end)}\` names more than one character`, advice: "In the C locale nanny runs in, `[.c.]` and `[=c=]` take a single character" };
    case "ERANGE":
      return rangeRefusal(e, p, show);
    case "EESCAPE":
      return { start, end: n, message: "the pattern ends with a backslash", advice: "Remove it, or write `[\\\\]` for a literal backslash" };
    case "ESUBREG":
      return { start, end, message: `the back-reference \`${show(start, end)}\` refers to group ${p[start + 1]}, which is not closed before it in the same alternative`, advice: "" };
    case "EBRACE":
      return { start, end: n, message: "`{` starts a repeat count that is never closed with `}`", advice: "For a literal brace write `[{]`" };
    case "ESIZE":
      return { start, end, message: `the repeat count \`${show(start, end)}\` is above ${DUP_MAX}`, advice: "" };
    case "BADBR": {
      const m = /^\{(\d+),(\d+)\}$/.exec(p.slice(start, end));
      if (m && Number(m[1]) > Number(m[2])) return { start, end, message: `in the repeat count \`${show(start, end)}\` the minimum is larger than the maximum`, advice: "" };
      return { start, end, message: `\`${show(start, end)}\` is not a repeat count`, advice: "A count is `{m}`, `{m,}` or `{m,n}`; for a literal brace write `[{]`" };
    }
  }
}

/** The end of the bracket element starting at `at`: `[:x:]`, `[=x=]`, `[.x.]` or one byte. */
function elementEnd(p: string, at: number): number {
  const kind = p[at + 1];
  if (p[at] === "[" && (kind === ":" || kind === "=" || kind === ".")) {
    const close = p.indexOf(`${kind}]`, at + 2);
    if (close >= 0) return close + 2;
  }
  return at + 1;
}

function rangeRefusal(e: EreSyntaxError, p: string, show: Show): { start: number; end: number; message: string; advice: string } {
  const classAdvice = "List the class and the other characters separately";
  if (e.range === "backwards") {
    const dash = elementEnd(p, e.start);
    return { start: e.start, end: e.end, message: `the range \`${show(e.start, e.end)}\` runs backwards`, advice: `Write it as \`${show(dash + 1, e.end)}-${show(e.start, dash)}\`` };
  }
  if (e.range === "class") return { start: e.start, end: e.end, message: `the range \`${show(e.start, e.end)}\` starts or ends with a character class`, advice: classAdvice };
  // A `-` that is neither first, last nor a range's end: after a class, or after a range.
  const h = e.start;
  if (p[h - 1] === "]" && (p[h - 2] === ":" || p[h - 2] === "=")) {
    const open = p.lastIndexOf(`[${p[h - 2]}`, h - 2);
    const end = elementEnd(p, h + 1);
    return { start: open, end, message: `the range \`${show(open, end)}\` starts or ends with a character class`, advice: classAdvice };
  }
  const from = Math.max(0, h - 3);
  return { start: from, end: h + 1, message: `the range \`${show(from, h)}\` is followed by \`-\``, advice: "For a literal `-` put it first or last in the brackets" };
}

/** The walk over a tree that regcomp accepts. */
class Reading {
  constructor(
    private readonly p: string,
    private readonly show: Show,
    private readonly add: (severity: "error" | "warning", rejected: boolean, start: number, end: number, message: string, advice?: string) => void,
  ) {}

  /** `open` is the group's `(`, or -1 at the top. */
  alternation(a: Alternation, depth: number, open: number): void {
    for (const b of a.branches) {
      for (const node of b.items) this.node(node, depth);
    }
    const empty = a.branches.filter((b) => b.items.length === 0);
    if (depth > 0 && a.branches.length === 1 && empty.length === 1) {
      this.add("warning", false, open, a.end + 1, "`()` is an empty group, which POSIX leaves undefined", "Remove it");
      return;
    }
    for (const b of empty) {
      const at = b.start > 0 && this.p[b.start - 1] === "|" ? b.start - 1 : b.start;
      if (depth === 0) this.add("warning", false, at, at + 1, "an empty alternative matches an empty string, so every reply passes and the check only tests that the server answers", "Remove the extra `|`");
      else this.add("warning", false, at, at + 1, "an empty alternative inside a group, which POSIX leaves undefined (glibc makes the group optional)", "Write `(…)?` for an optional group");
    }
  }

  private node(node: EreNode, depth: number): void {
    const { p, show } = this;
    switch (node.kind) {
      case "group":
        this.alternation(node.body, depth + 1, node.start);
        return;
      case "backref":
        this.add("warning", false, node.start, node.end, `\`${show(node.start, node.end)}\` is a back-reference, which POSIX extended expressions do not have (glibc accepts it)`);
        return;
      case "anchor":
        if (node.end - node.start === 2) this.add("warning", false, node.start, node.end, `\`${show(node.start, node.end)}\` is a GNU extension, not POSIX: it works only because nanny uses glibc`);
        return;
      case "repeat": {
        this.node(node.body, depth);
        if (p[node.start] === "{" && p[node.start + 1] === ",")
          this.add("warning", false, node.start, node.end, `the repeat count \`${show(node.start, node.end)}\` has no minimum, which POSIX requires (glibc reads 0)`, `Write \`{0${show(node.start + 1, node.end)}\``);
        if (node.body.kind === "repeat" && node.body.body.kind !== "repeat") {
          const atom = node.body.body.start;
          this.add("warning", false, node.start, node.end, `\`${show(atom, node.end)}\` has two repeat operators in a row, which POSIX leaves undefined`, "Keep one of them");
        }
        return;
      }
      case "bytes": {
        const c = p[node.start]!;
        if (c === ")" && depth === 0) {
          this.add("error", false, node.start, node.end, "`)` closes no group: POSIX leaves that undefined and glibc reads a plain `)`", "Add the missing `(`, or write `[)]` for a literal parenthesis");
          return;
        }
        if (c !== "\\") return;
        const e = p[node.start + 1]!;
        if (/[wWsS]/.test(e)) {
          this.add("warning", false, node.start, node.end, `\`${show(node.start, node.end)}\` is a GNU extension, not POSIX: it works only because nanny uses glibc`, `Write ${bracketFor(e)} instead`);
        } else if (/[A-Za-z0-9]/.test(e)) {
          const written = show(node.start, node.end) === `\\${e}` ? "" : ` (written \`${show(node.start, node.end)}\`)`;
          this.add("error", false, node.start, node.end, `\`\\${e}\`${written} is not a POSIX escape: glibc reads it as a plain \`${e}\``, `Write ${bracketFor(e)} instead`);
        }
        return;
      }
    }
  }
}
