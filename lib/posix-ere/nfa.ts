/**
 * A pattern without back-references as a Thompson automaton, searched in time linear in the
 * subject: every position is tried as a start at once, as a set of states, so no reply can make
 * the search backtrack. The semantics are those of matcher.ts (glibc's regexec):
 *
 * - `^` holds at the start of the subject, and right after a newline the match itself took;
 * - `$` holds at the end, and right before a newline the match takes next (a promise the state
 *   carries until that newline is taken; a match that ends with it unkept does not count);
 * - `` \` `` and `\'` are the ends of the subject; `\<` `\>` `\b` `\B` look at the bytes either
 *   side, words being `[A-Za-z0-9_]`.
 *
 * The search takes the subject in pieces as they arrive (a reply read from a socket) and stops
 * at the first NUL, as regexec reads a C string.
 */
import type { ByteSet } from "./bytes.ts";
import type { Alternation, EreNode } from "./syntax.ts";

type Op =
  | { readonly op: "byte"; readonly set: ByteSet }
  | { readonly op: "split"; readonly to: readonly number[] }
  | { readonly op: "jump"; readonly to: number }
  | { readonly op: "assert"; readonly anchor: "^" | "$" | "<" | ">" | "b" | "B" | "`" | "'" }
  | { readonly op: "match" };

/** Programs past this many instructions (`(a{1000}){1000}`) are left to the other matcher. */
export const MAX_PROGRAM = 50_000;

const NEWLINE = 0x0a;
const isWord = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;

class Compiler {
  readonly ops: Op[] = [];

  private emit(op: Op): number {
    if (this.ops.length >= MAX_PROGRAM) throw new TooLarge();
    this.ops.push(op);
    return this.ops.length - 1;
  }

  private patch(at: number, op: Op): void {
    this.ops[at] = op;
  }

  alternation(a: Alternation): void {
    if (a.branches.length === 1) return this.branch(a.branches[0]!.items);
    const split = this.emit({ op: "split", to: [] });
    const starts: number[] = [];
    const jumps: number[] = [];
    for (const b of a.branches) {
      starts.push(this.ops.length);
      this.branch(b.items);
      jumps.push(this.emit({ op: "jump", to: -1 }));
    }
    this.patch(split, { op: "split", to: starts });
    for (const j of jumps) this.patch(j, { op: "jump", to: this.ops.length });
  }

  private branch(items: readonly EreNode[]): void {
    for (const n of items) this.node(n);
  }

  private node(n: EreNode): void {
    switch (n.kind) {
      case "bytes":
        this.emit({ op: "byte", set: n.set });
        return;
      case "anchor":
        this.emit({ op: "assert", anchor: n.anchor });
        return;
      case "group":
        this.alternation(n.body);
        return;
      case "backref":
        throw new Unsupported();
      case "repeat":
        this.repeat(n.body, n.min, n.max);
        return;
    }
  }

  private repeat(body: EreNode, min: number, max: number | null): void {
    for (let i = 0; i < min; i++) this.node(body);
    if (max === null) {
      // L: split(B, out); B: body; jump L
      const split = this.emit({ op: "split", to: [] });
      this.node(body);
      this.emit({ op: "jump", to: split });
      this.patch(split, { op: "split", to: [split + 1, this.ops.length] });
      return;
    }
    // Each optional copy may be skipped to the very end.
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      splits.push(this.emit({ op: "split", to: [] }));
      this.node(body);
    }
    for (const s of splits) this.patch(s, { op: "split", to: [s + 1, this.ops.length] });
  }
}

class TooLarge extends Error {}
class Unsupported extends Error {}

export interface Program {
  readonly ops: readonly Op[];
}

/** The automaton of a parsed pattern, or null when it has a back-reference or is too large. */
export function compileNfa(tree: Alternation): Program | null {
  const c = new Compiler();
  try {
    c.alternation(tree);
    c.ops.push({ op: "match" });
  } catch (e) {
    if (e instanceof TooLarge || e instanceof Unsupported) return null;
    throw e;
  }
  return { ops: c.ops };
}

/** The bytes around a position: -1 for none (an end of the subject), -2 for not known yet. */
interface Around {
  readonly prev: number;
  readonly next: number;
  readonly atStart: boolean;
}

const UNKNOWN = -2;
const END = -1;

/**
 * A search fed in pieces. `matched` turns true as soon as a match is certain, whatever comes
 * after; `end()` gives the answer for the subject as fed.
 */
export class NfaSearch {
  /** States entered by taking the last byte: [pc, promise] pairs (promise: 1 when a `$` promised a newline). */
  private states: number[] = [];
  private prev = END;
  private position = 0;
  private done = false;
  matched = false;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(private readonly program: Program) {
    this.seen = new Int32Array(program.ops.length * 4);
  }

  /** Takes more of the subject; a NUL ends it. */
  feed(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (this.done || this.matched) return;
      if (b === 0) return void this.end();
      this.step(b);
    }
  }

  /** The subject ends here: whether the pattern matches somewhere in it. */
  end(): boolean {
    if (!this.done && !this.matched) this.closure({ prev: this.prev, next: END, atStart: this.position === 0 }, null);
    this.done = true;
    return this.matched;
  }

  /** Whether a match is already certain without knowing the next byte. */
  private settledWithoutNext(): void {
    this.closure({ prev: this.prev, next: UNKNOWN, atStart: this.position === 0 }, null);
  }

  private step(b: number): void {
    const next: number[] = [];
    this.closure({ prev: this.prev, next: b, atStart: this.position === 0 }, { byte: b, into: next });
    this.states = next;
    this.prev = b;
    this.position++;
    if (!this.matched) this.settledWithoutNext();
  }

  /**
   * Follows every state (and a new start here) through assertions and splits; records a match;
   * with `take`, the states that take the byte go to `take.into`.
   */
  private closure(at: Around, take: { byte: number; into: number[] } | null): void {
    const ops = this.program.ops;
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const taken = new Set<number>();
    // [pc, promise, startedHere]
    const stack: number[] = [];
    for (let i = this.states.length - 2; i >= 0; i -= 2) stack.push(this.states[i]!, this.states[i + 1]!, 0);
    stack.push(0, 0, 1);
    while (stack.length) {
      const here = stack.pop()!;
      const promise = stack.pop()!;
      const pc = stack.pop()!;
      const key = pc * 4 + promise * 2 + here;
      if (this.seen[key] === this.stamp) continue;
      this.seen[key] = this.stamp;
      const op = ops[pc]!;
      switch (op.op) {
        case "match":
          if (!promise) this.matched = true;
          break;
        case "byte":
          if (take && op.set[take.byte] && (!promise || take.byte === NEWLINE) && !taken.has(pc + 1)) {
            taken.add(pc + 1);
            take.into.push(pc + 1, 0);
          }
          break;
        case "jump":
          stack.push(op.to, promise, here);
          break;
        case "split":
          for (let i = op.to.length - 1; i >= 0; i--) stack.push(op.to[i]!, promise, here);
          break;
        case "assert": {
          const holds = this.holds(op.anchor, at, here === 1, promise === 1);
          if (holds !== null) stack.push(pc + 1, holds, here);
          break;
        }
      }
      if (this.matched) return;
    }
  }

  /** Whether an anchor holds: null when not, else the promise the state carries on with. */
  private holds(anchor: string, at: Around, startedHere: boolean, promise: boolean): number | null {
    const p = promise ? 1 : 0;
    switch (anchor) {
      case "^":
        return at.atStart || (at.prev === NEWLINE && !startedHere) ? p : null;
      case "$":
        if (at.next === END) return p;
        return at.next === NEWLINE ? 1 : null;
      case "`":
        return at.atStart ? p : null;
      case "'":
        return at.next === END ? p : null;
      default: {
        if (at.next === UNKNOWN) return null;
        const before = at.prev >= 0 && isWord(at.prev);
        const after = at.next >= 0 && isWord(at.next);
        const ok = anchor === "<" ? !before && after : anchor === ">" ? before && !after : anchor === "b" ? before !== after : before === after;
        return ok ? p : null;
      }
    }
  }
}
