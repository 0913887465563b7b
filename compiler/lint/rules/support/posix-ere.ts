/**
 * POSIX extended regular expressions as glibc's regcomp(REG_EXTENDED) reads them in the C
 * locale, the language of nanny's `expect` with `use_regex = 1`.
 */
import type { Severity } from "../../types.ts";
import { bracketFor } from "./check-values.ts";

export interface EreProblem {
  /** Indices in the pattern, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  /** glibc's regcomp refuses the pattern. */
  readonly rejected: boolean;
  /** What is wrong, without a final full stop. */
  readonly message: string;
  /** What to write instead, without a final full stop; empty when there is nothing to add. */
  readonly advice: string;
}

/** The character classes of the C locale (nanny never calls setlocale). */
const CLASSES = new Set(["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"]);

/** glibc's RE_DUP_MAX. */
const DUP_MAX = 0x7fff;

interface BracketElement {
  readonly kind: "char" | "class" | "equiv" | "collating";
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Checks a pattern the way glibc's regcomp(REG_EXTENDED) reads it in the C locale, and POSIX
 * where glibc is more lenient. Errors are what regcomp rejects, plus an unmatched `)` and
 * backslashes before letters (glibc reads `\d` as `d`); warnings are what POSIX leaves
 * undefined and glibc accepts (`{,n}`, empty alternatives, back-references, `a**`).
 */
export function checkEre(p: string, show: (start: number, end: number) => string = (a, b) => p.slice(a, b)): EreProblem[] {
  const problems: EreProblem[] = [];
  const n = p.length;
  let i = 0;
  let groups = 0;
  /** Groups closed so far on the way to here (glibc forgets a branch's groups in the next branch). */
  let closed = new Set<number>();
  /** regcomp refuses the pattern. */
  const err = (start: number, end: number, message: string, advice = ""): void =>
    void problems.push({ start, end, severity: "error", rejected: true, message, advice });
  /** regcomp accepts it, but it does not mean what it says. */
  const wrong = (start: number, end: number, message: string, advice = ""): void =>
    void problems.push({ start, end, severity: "error", rejected: false, message, advice });
  /** POSIX leaves it undefined; glibc reads it the likely way. */
  const warn = (start: number, end: number, message: string, advice = ""): void =>
    void problems.push({ start, end, severity: "warning", rejected: false, message, advice });

  /** A bracket element at i: `[:class:]`, `[=c=]`, `[.c.]` or one character; null when unterminated. */
  const element = (): BracketElement | null => {
    const start = i;
    const c = p[i]!;
    const kindChar = p[i + 1];
    if (c === "[" && (kindChar === ":" || kindChar === "=" || kindChar === ".")) {
      const close = p.indexOf(kindChar + "]", i + 2);
      if (close < 0) return null;
      const value = p.slice(i + 2, close);
      i = close + 2;
      const kind = kindChar === ":" ? "class" : kindChar === "=" ? "equiv" : "collating";
      if (kind === "class" && !CLASSES.has(value))
        err(start, i, `\`[:${value}:]\` is not a character class`, "The C locale has alnum, alpha, blank, cntrl, digit, graph, lower, print, punct, space, upper and xdigit");
      else if (kind !== "class" && value.length !== 1)
        err(start, i, `\`${show(start, i)}\` names more than one character`, "In the C locale nanny runs in, `[.c.]` and `[=c=]` take a single character");
      return { kind, value, start, end: i };
    }
    i++;
    return { kind: "char", value: c, start, end: i };
  };

  const bracket = (): void => {
    const open = i;
    i++;
    if (p[i] === "^") i++;
    let first = true;
    for (;;) {
      if (i >= n) {
        err(open, n, "`[` opens a bracket expression that is never closed with `]`");
        return;
      }
      if (p[i] === "]" && !first) {
        i++;
        return;
      }
      first = false;
      const lo = element();
      if (!lo) {
        err(open, n, "`[` opens a bracket expression that is never closed with `]`");
        i = n;
        return;
      }
      if (p[i] !== "-" || i + 1 >= n || p[i + 1] === "]") continue;
      i++;
      const hi = element();
      if (!hi) {
        err(open, n, "`[` opens a bracket expression that is never closed with `]`");
        i = n;
        return;
      }
      if (lo.kind === "class" || lo.kind === "equiv" || hi.kind === "class" || hi.kind === "equiv")
        err(lo.start, hi.end, `the range \`${show(lo.start, hi.end)}\` starts or ends with a character class`, "List the class and the other characters separately");
      else if (lo.value.charCodeAt(0) > hi.value.charCodeAt(0))
        err(lo.start, hi.end, `the range \`${show(lo.start, hi.end)}\` runs backwards`, `Write it as \`${show(hi.start, hi.end)}-${show(lo.start, lo.end)}\``);
      if (p[i] === "-" && i + 1 < n && p[i + 1] !== "]") {
        err(lo.start, i + 1, `the range \`${show(lo.start, i)}\` is followed by \`-\``, "For a literal `-` put it first or last in the brackets");
        i++;
      }
    }
  };

  /** `{…}` at i after an atom; returns false when it is not a valid count. */
  const interval = (): void => {
    const open = i;
    let j = i + 1;
    const min = /^\d*/.exec(p.slice(j))![0];
    j += min.length;
    let max: string | null = null;
    if (p[j] === ",") {
      max = /^\d*/.exec(p.slice(j + 1))![0];
      j += 1 + max.length;
    }
    if (j >= n) {
      err(open, n, "`{` starts a repeat count that is never closed with `}`", "For a literal brace write `[{]`");
      i = n;
      return;
    }
    if (p[j] !== "}" || (min === "" && max === null)) {
      const close = p.indexOf("}", open);
      const end = close < 0 ? open + 1 : close + 1;
      err(open, end, `\`${show(open, end)}\` is not a repeat count`, "A count is `{m}`, `{m,}` or `{m,n}`; for a literal brace write `[{]`");
      i = close < 0 ? open + 1 : close + 1;
      return;
    }
    i = j + 1;
    const lo = min === "" ? 0 : Number(min);
    const hi = max === null ? lo : max === "" ? null : Number(max);
    if (lo > DUP_MAX || (hi !== null && hi > DUP_MAX)) err(open, i, `the repeat count \`${show(open, i)}\` is above ${DUP_MAX}`);
    else if (hi !== null && lo > hi) err(open, i, `in the repeat count \`${show(open, i)}\` the minimum is larger than the maximum`);
    else if (min === "") warn(open, i, `the repeat count \`${show(open, i)}\` has no minimum, which POSIX requires (glibc reads 0)`, `Write \`{0${show(open + 1, i)}\``);
  };

  const branch = (depth: number): boolean => {
    let atoms = 0;
    /** What the last atom was: nothing yet, an anchor, or something a repeat applies to. */
    let last: "none" | "anchor" | "atom" = "none";
    while (i < n && p[i] !== "|" && !(p[i] === ")" && depth > 0)) {
      const start = i;
      const c = p[i]!;
      if (c === "*" || c === "+" || c === "?" || c === "{") {
        const end = c === "{" ? Math.max(p.indexOf("}", i) + 1, i + 1) : i + 1;
        const what = last === "anchor" ? `an anchor (\`${p[i - 1]}\`)` : "nothing";
        err(start, end, `\`${show(start, end)}\` repeats ${what}`, `For a literal \`${c}\` write \`[${c}]\``);
        i = end;
        continue;
      }
      atoms++;
      if (c === "^" || c === "$") {
        i++;
        last = "anchor";
        continue;
      }
      if (c === "[") bracket();
      else if (c === "(") {
        i++;
        const number = ++groups;
        alternation(depth + 1, start);
        if (p[i] === ")") {
          i++;
          closed.add(number);
        } else err(start, start + 1, "`(` is never closed with `)`", "Close the group, or write `[(]` for a literal parenthesis");
      } else if (c === ")") {
        wrong(start, start + 1, "`)` closes no group: POSIX leaves that undefined and glibc reads a plain `)`", "Add the missing `(`, or write `[)]` for a literal parenthesis");
        i++;
      } else if (c === "\\") {
        if (i + 1 >= n) {
          err(start, n, "the pattern ends with a backslash", "Remove it, or write `[\\\\]` for a literal backslash");
          i = n;
          break;
        }
        const e = p[i + 1]!;
        i += 2;
        if (/[1-9]/.test(e)) {
          if (!closed.has(Number(e))) err(start, i, `the back-reference \`${show(start, i)}\` refers to group ${e}, which is not closed before it in the same alternative`);
          else warn(start, i, `\`${show(start, i)}\` is a back-reference, which POSIX extended expressions do not have (glibc accepts it)`);
        } else if (/[wWsSbB<>`']/.test(e)) {
          const instead = /[wWsS]/.test(e) ? `Write ${bracketFor(e)} instead` : "";
          warn(start, i, `\`${show(start, i)}\` is a GNU extension, not POSIX: it works only because nanny uses glibc`, instead);
          if (!/[wWsS]/.test(e)) {
            // \b \B \< \> \` \' are anchors: nothing may repeat them.
            last = "anchor";
            continue;
          }
        } else if (/[A-Za-z0-9]/.test(e)) {
          const written = show(start, i) === `\\${e}` ? "" : ` (written \`${show(start, i)}\`)`;
          wrong(start, i, `\`\\${e}\`${written} is not a POSIX escape: glibc reads it as a plain \`${e}\``, `Write ${bracketFor(e)} instead`);
        }
        // A backslash before a special character or other punctuation gives that character.
      } else i++;
      last = "atom";
      // Repeats after the atom.
      let repeats = 0;
      while (i < n && (p[i] === "*" || p[i] === "+" || p[i] === "?" || p[i] === "{")) {
        const at = i;
        if (p[i] === "{") interval();
        else i++;
        if (++repeats === 2) warn(at, i, `\`${show(start, i)}\` has two repeat operators in a row, which POSIX leaves undefined`, "Keep one of them");
      }
    }
    return atoms > 0;
  };

  /** Branches separated by `|`, up to the end or (in a group) the `)`. `open` is the group's `(`. */
  const alternation = (depth: number, open: number): void => {
    const branches: Array<{ start: number; end: number; empty: boolean }> = [];
    const before = closed;
    const after = new Set(before);
    for (;;) {
      const start = i;
      closed = new Set(before);
      const nonEmpty = branch(depth);
      for (const g of closed) after.add(g);
      branches.push({ start, end: i, empty: !nonEmpty });
      if (p[i] === "|") {
        i++;
        continue;
      }
      break;
    }
    closed = after;
    if (depth === 0) {
      if (n === 0) {
        warn(0, 0, "an empty pattern matches anything, so every reply passes and the check only tests that the server answers");
        return;
      }
      for (const b of branches) {
        if (!b.empty) continue;
        const at = b.start > 0 && p[b.start - 1] === "|" ? b.start - 1 : b.start;
        warn(at, at + 1, "an empty alternative matches an empty string, so every reply passes and the check only tests that the server answers", "Remove the extra `|`");
      }
    } else if (branches.length === 1 && branches[0]!.empty) {
      warn(open, i + (p[i] === ")" ? 1 : 0), "`()` is an empty group, which POSIX leaves undefined", "Remove it");
    } else {
      for (const b of branches) {
        if (!b.empty) continue;
        const at = b.start > 0 && p[b.start - 1] === "|" ? b.start - 1 : b.start;
        warn(at, at + 1, "an empty alternative inside a group, which POSIX leaves undefined (glibc makes the group optional)", "Write `(…)?` for an optional group");
      }
    }
  };

  alternation(0, -1);
  return problems;
}
