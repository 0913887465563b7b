/**
 * A pattern with back-references, matched by backtracking over its syntax tree with a step
 * budget: a hostile reply makes the search give up, never run for ages. The readings are those
 * of matcher.ts and nfa.ts (`^` after a newline the match took, `$` before a newline it takes
 * next, the ends, the word anchors); a back-reference to a group that took no part matches the
 * empty string, and a repeated group forgets what it captured in its earlier rounds, as a
 * JavaScript regular expression does.
 */
import type { Alternation, EreNode } from "./syntax.ts";

const NEWLINE = 0x0a;
const isWord = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;

/** Steps a search may take before it gives up: far beyond any honest pattern on 254 bytes. */
export const STEP_BUDGET = 200_000;

class OutOfSteps extends Error {}

/** Continues a match at `p`, with the promise of a `$` (the next byte taken must be a newline). */
type Next = (p: number, promise: boolean) => boolean;

/** The group numbers inside a node, which a repeat clears at each round. */
function groupsIn(node: EreNode, out: number[] = []): number[] {
  if (node.kind === "group") {
    out.push(node.number);
    for (const b of node.body.branches) for (const n of b.items) groupsIn(n, out);
  } else if (node.kind === "repeat") groupsIn(node.body, out);
  return out;
}

export type BacktrackResult = boolean | "out-of-steps";

/** Whether `tree` matches somewhere in `subject` (cut at its first NUL), within `budget` steps. */
export function backtrackSearch(tree: Alternation, groups: number, subject: Uint8Array, budget = STEP_BUDGET): BacktrackResult {
  const nul = subject.indexOf(0);
  const s = nul < 0 ? subject : subject.subarray(0, nul);
  const len = s.length;
  const begin = new Int32Array(groups + 1).fill(-1);
  const end = new Int32Array(groups + 1).fill(-1);
  let steps = 0;
  let start = 0;

  const tick = (): void => {
    if (++steps > budget) throw new OutOfSteps();
  };

  const anchor = (kind: string, p: number, promise: boolean): boolean | null => {
    const prev = p > 0 ? s[p - 1]! : -1;
    const next = p < len ? s[p]! : -1;
    switch (kind) {
      case "^":
        return p === 0 || (prev === NEWLINE && p !== start) ? promise : null;
      case "$":
        if (next === -1) return promise;
        return next === NEWLINE ? true : null;
      case "`":
        return p === 0 ? promise : null;
      case "'":
        return next === -1 ? promise : null;
      default: {
        const before = prev >= 0 && isWord(prev);
        const after = next >= 0 && isWord(next);
        const ok = kind === "<" ? !before && after : kind === ">" ? before && !after : kind === "b" ? before !== after : before === after;
        return ok ? promise : null;
      }
    }
  };

  const alternation = (a: Alternation, p: number, promise: boolean, k: Next): boolean => {
    for (const b of a.branches) if (sequence(b.items, 0, p, promise, k)) return true;
    return false;
  };

  const sequence = (items: readonly EreNode[], i: number, p: number, promise: boolean, k: Next): boolean => {
    if (i === items.length) return k(p, promise);
    return node(items[i]!, p, promise, (q, pr) => sequence(items, i + 1, q, pr, k));
  };

  const node = (n: EreNode, p: number, promise: boolean, k: Next): boolean => {
    tick();
    switch (n.kind) {
      case "bytes":
        return p < len && n.set[s[p]!] === true && (!promise || s[p] === NEWLINE) && k(p + 1, false);
      case "anchor": {
        const holds = anchor(n.anchor, p, promise);
        return holds !== null && k(p, holds);
      }
      case "group": {
        const [b0, e0] = [begin[n.number]!, end[n.number]!];
        const ok = alternation(n.body, p, promise, (q, pr) => {
          const [b1, e1] = [begin[n.number]!, end[n.number]!];
          begin[n.number] = p;
          end[n.number] = q;
          if (k(q, pr)) return true;
          begin[n.number] = b1;
          end[n.number] = e1;
          return false;
        });
        if (!ok) {
          begin[n.number] = b0;
          end[n.number] = e0;
        }
        return ok;
      }
      case "backref": {
        const b = begin[n.number]!;
        const e = end[n.number]!;
        if (b < 0 || e < 0) return k(p, promise);
        const length = e - b;
        if (p + length > len) return false;
        for (let i = 0; i < length; i++) if (s[p + i] !== s[b + i]) return false;
        if (length > 0 && promise && s[p] !== NEWLINE) return false;
        return k(p + length, length > 0 ? false : promise);
      }
      case "repeat":
        return repeat(n.body, n.min, n.max, groupsIn(n.body), 0, p, promise, k);
    }
  };

  /** Greedy rounds of `body`; a round that takes nothing past the minimum ends the repeat. */
  const repeat = (body: EreNode, min: number, max: number | null, inner: readonly number[], count: number, p: number, promise: boolean, k: Next): boolean => {
    tick();
    if (max === null || count < max) {
      const saved = inner.map((g) => [begin[g]!, end[g]!] as const);
      for (const g of inner) begin[g] = end[g] = -1;
      const more = node(body, p, promise, (q, pr) => (q === p && count >= min ? false : repeat(body, min, max, inner, count + 1, q, pr, k)));
      if (more) return true;
      inner.forEach((g, i) => ([begin[g], end[g]] = saved[i]!));
    }
    return count >= min && k(p, promise);
  };

  try {
    for (start = 0; start <= len; start++) {
      begin.fill(-1);
      end.fill(-1);
      if (alternation(tree, start, false, (_q, promise) => !promise)) return true;
    }
    return false;
  } catch (e) {
    if (e instanceof OutOfSteps) return "out-of-steps";
    throw e;
  }
}
