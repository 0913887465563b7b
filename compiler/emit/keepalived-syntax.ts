/**
 * keepalived.conf as a tree of statements, comments and blocks, and the one way a value
 * reaches the text: checked for its kind, or quoted for keepalived's parser.
 *
 * keepalived reads a line into a 1024-byte buffer. Outside double quotes `#` and `!` start a
 * comment; `"…"` is one word up to the next `"`, escapes or not. A script's line is read again
 * with `'` and `"` quotes and backslash escapes (`\\`, `\'`, `\ooo`), and the script's word is
 * split once more the same way into argv. A `\` ending a line continues it; ending a comment
 * it is an error.
 */
import { isPlainDottedQuad } from "../model/values.ts";

export type Item =
  | { readonly kind: "line"; readonly text: string }
  | { readonly kind: "comment"; readonly text: string }
  /** Something lvs.cf says that keepalived cannot: a comment here and a warning. */
  | { readonly kind: "unmapped"; readonly text: string }
  | { readonly kind: "block"; readonly head: string; readonly body: readonly Item[] }
  | { readonly kind: "blank" };

export const line = (text: string): Item => ({ kind: "line", text });
export const comment = (text: string): Item => ({ kind: "comment", text });
export const unmapped = (text: string): Item => ({ kind: "unmapped", text });
export const block = (head: string, body: readonly Item[]): Item => ({ kind: "block", head, body });
export const blank: Item = { kind: "blank" };

/** Longest line written, in bytes, newline excluded (keepalived's buffer holds 1023). */
export const MAX_LINE_BYTES = 1000;
/** Comments wrap at this column; a single word longer than that stays whole. */
const COMMENT_WIDTH = 100;
const INDENT = "  ";
const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

/** One comment line: control characters shown as `?`, no trailing `\`, cut to the line limit. */
export function commentLine(indent: string, text: string): string {
  const chars = Array.from(`${indent}# ${text.replace(/[\x00-\x1f\x7f]/g, "?")}`);
  while (byteLength(chars.join("")) > MAX_LINE_BYTES) chars.pop();
  return chars.join("").replace(/\\+$/, "");
}

/** A comment's text in lines of at most `width` characters, broken at blanks. */
function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = `  ${word}`;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  return [...lines, current];
}

export function render(items: readonly Item[]): string {
  const out: string[] = [];
  const walk = (list: readonly Item[], depth: number): void => {
    const indent = INDENT.repeat(depth);
    for (const item of list) {
      if (item.kind === "blank") out.push("");
      else if (item.kind === "line") out.push(indent + item.text);
      else if (item.kind === "block") {
        out.push(`${indent}${item.head} {`);
        walk(item.body, depth + 1);
        out.push(`${indent}}`);
      } else for (const part of wrapped(item.text, COMMENT_WIDTH - indent.length - 2)) out.push(commentLine(indent, part));
    }
  };
  walk(items, 0);
  return out.join("\n") + "\n";
}

/** The unmapped items' texts, each after the head of the top-level block it is in. */
export function warningsOf(items: readonly Item[]): string[] {
  const out: string[] = [];
  const walk = (list: readonly Item[], where: string | null): void => {
    for (const item of list) {
      if (item.kind === "unmapped") out.push(where === null ? item.text : `${where}: ${item.text}`);
      else if (item.kind === "block") walk(item.body, where ?? item.head);
    }
  };
  walk(items, null);
  return out.map((w) => w.replace(/[\x00-\x1f\x7f]/g, "?"));
}

// ---------------------------------------------------------------------------- values

export const isAddress = isPlainDottedQuad;

export const isWhole = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;

/** A Linux interface name: 1 to 15 characters, none of them blank, `/`, `:` or a quote. */
export const isInterfaceName = (value: string): boolean => /^[A-Za-z0-9_.-]{1,15}$/.test(value) && value !== "." && value !== "..";

/** An alias label as `ip addr … label` takes it: the base device, `:`, and at most 15 in all. */
export const isAliasLabel = (value: string): boolean => /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.:-]+$/.test(value) && value.length <= 15;

/** A value for a comment or a warning: as it is when plain, else in double quotes with escapes. */
export function shown(value: string | null): string {
  if (value === null) return "(unnamed)";
  return /^[A-Za-z0-9_.:@%+\/-]+$/.test(value) ? value : JSON.stringify(value);
}

// ---------------------------------------------------------------------------- scripts

const PLAIN_ARG = /^[A-Za-z0-9_.\/:%@+=,-]+$/;
const octal = (ch: string): string => `\\${ch.charCodeAt(0).toString(8).padStart(3, "0")}`;

/** One argument as keepalived's script splitter reads it back. `"` and `$` never appear raw. */
function scriptArg(arg: string): string {
  if (PLAIN_ARG.test(arg)) return arg;
  const escaped = arg.replace(/[\\']/g, "\\$&").replace(/["$\x00-\x1f\x7f]/g, octal);
  return `'${escaped}'`;
}

/**
 * A script's argv as one quoted word of a keepalived line (`notify_master`, `misc_path`), or
 * null when the line would not fit keepalived's buffer. The argv reaches the program as given.
 */
export function scriptWord(argv: readonly string[], keyword: string): string | null {
  const inner = argv.map(scriptArg).join(" ");
  const word = `"${inner.replace(/\\/g, "\\\\")}"`;
  return byteLength(`${INDENT.repeat(3)}${keyword} ${word}`) <= MAX_LINE_BYTES ? word : null;
}
