/**
 * Structural checks shared by the corpus and property tests. Each returns a list of problems
 * (empty when everything holds) so that a property can print all of them at once.
 */
import type { AnyNode, Block, LvsFile } from "../../grammar/index.ts";
import type { Diagnostic } from "../../compiler/lint/types.ts";

/** Offsets at which each line starts, counting LF, CRLF and lone CR as line ends. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset, computed independently of SourceText. */
export function lineColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

function show(d: Diagnostic): string {
  return `${d.ruleId} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} [${d.start},${d.end}) ${JSON.stringify(d.message.slice(0, 60))}`;
}

/** Offsets within the text, lines and columns in range and consistent with the offsets. */
export function diagnosticProblems(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const problems: string[] = [];
  const starts = lineStarts(text);
  const lines = starts.length;
  let previous = -1;
  for (const d of diagnostics) {
    const where = show(d);
    if (!Number.isInteger(d.start) || !Number.isInteger(d.end)) problems.push(`non-integer offsets: ${where}`);
    if (!(0 <= d.start && d.start <= d.end && d.end <= text.length)) problems.push(`offsets out of [0, ${text.length}]: ${where}`);
    if (!(1 <= d.line && d.line <= lines)) problems.push(`line out of 1..${lines}: ${where}`);
    if (!(1 <= d.endLine && d.endLine <= lines && d.endLine >= d.line)) problems.push(`end line out of range: ${where}`);
    if (!(d.column >= 1 && d.endColumn >= 1)) problems.push(`column < 1: ${where}`);
    if (d.start >= 0 && d.start <= text.length) {
      const s = lineColumn(starts, d.start);
      if (s.line !== d.line || s.column !== d.column) problems.push(`start position is ${s.line}:${s.column}: ${where}`);
    }
    if (d.end >= 0 && d.end <= text.length) {
      const e = lineColumn(starts, d.end);
      if (e.line !== d.endLine || e.column !== d.endColumn) problems.push(`end position is ${e.line}:${e.column}: ${where}`);
    }
    if (d.start < previous) problems.push(`diagnostics not sorted by position: ${where}`);
    previous = d.start;
    if (!["error", "warning", "info"].includes(d.severity)) problems.push(`bad severity ${String(d.severity)}: ${where}`);
    if (!/^LVS\d{4}$/.test(d.ruleId)) problems.push(`bad rule id: ${where}`);
    if (typeof d.message !== "string" || d.message.length === 0) problems.push(`empty message: ${where}`);
    if (d.fix) {
      const [a, b] = d.fix.range;
      if (!(0 <= a && a <= b && b <= text.length)) problems.push(`fix range [${a}, ${b}) out of the text: ${where}`);
    }
  }
  return problems;
}

/** The direct children of a node, as the syntax tree defines them. */
export function childrenOf(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  const add = (n: AnyNode | null | undefined): void => {
    if (n) out.push(n);
  };
  switch (node.kind) {
    case "file":
      out.push(...node.items);
      break;
    case "block":
      add(node.keyword);
      out.push(...node.names);
      out.push(...node.afterBrace);
      add(node.comment);
      out.push(...node.items);
      add(node.close);
      break;
    case "statement":
      add(node.key);
      out.push(...node.values);
      add(node.comment);
      break;
    case "close":
    case "stray":
      out.push(...node.trailing);
      add(node.comment);
      break;
    case "word":
    case "comment":
      break;
  }
  return out;
}

function label(n: AnyNode): string {
  return `${n.kind}[${n.start},${n.end}) ${JSON.stringify(n.text.slice(0, 30))}`;
}

/**
 * Every node has 0 ≤ start ≤ end ≤ text length and lies inside its parent; the items of the
 * file and of each block come in order without overlapping; the comment list is sorted and
 * holds every comment attached to a node.
 */
export function astProblems(file: LvsFile): string[] {
  const problems: string[] = [];
  const length = file.source.text.length;
  const visit = (node: AnyNode, parent: AnyNode | null): void => {
    if (!(0 <= node.start && node.start <= node.end && node.end <= length)) problems.push(`bad offsets: ${label(node)}`);
    if (parent && !(parent.start <= node.start && node.end <= parent.end)) {
      problems.push(`${label(node)} is not inside its parent ${label(parent)}`);
    }
    for (const c of childrenOf(node)) visit(c, node);
  };
  visit(file, null);

  const ordered = (items: readonly AnyNode[], where: string): void => {
    for (let i = 1; i < items.length; i++) {
      if (items[i]!.start < items[i - 1]!.end) problems.push(`${where}: ${label(items[i]!)} starts before ${label(items[i - 1]!)} ends`);
    }
  };
  ordered(file.items, "file items");
  const blocks = (items: readonly AnyNode[]): void => {
    for (const it of items) {
      if (it.kind === "block") {
        ordered((it as Block).items, `items of ${label(it)}`);
        blocks((it as Block).items);
      }
    }
  };
  blocks(file.items);

  ordered(file.comments, "comments");
  const listed = new Set(file.comments);
  const attached = (node: AnyNode): void => {
    if (node.kind === "comment" && !listed.has(node)) problems.push(`attached ${label(node)} is missing from file.comments`);
    for (const c of childrenOf(node)) attached(c);
  };
  attached(file);
  for (const c of file.comments) {
    if (!(0 <= c.start && c.start <= c.end && c.end <= length)) problems.push(`bad comment offsets: ${label(c)}`);
    if (file.source.text[c.start] !== "#") problems.push(`comment does not start with #: ${label(c)}`);
  }
  return problems;
}
