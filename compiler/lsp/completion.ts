/**
 * Completion by position: at the start of a line, the keywords valid at that level; after
 * `=`, the keyword's values (schedulers with what each does, 0 and 1 for switches); after the
 * address of `address` or `nat_router`, the device names the file already uses.
 */
import { keywordAt, keywordsAt, SCHEDULER_DOCS, type BlockItem, type Keyword, type Level, type TopItem } from "../../grammar/index.ts";
import type { LvsDocument } from "./document.ts";
import { isScheduler, keywordMarkdown } from "./keyword-docs.ts";
import { levelAt } from "./locate.ts";
import { rangeOf } from "./positions.ts";
import { CompletionItemKind, type CompletionItem, type Position, type Range } from "./protocol.ts";

const KEY = /^[ \t]*([^\s=#"'{}]*)$/;
const VALUE = /^[ \t]*([^\s=#"'{}]+)[ \t]*=[ \t]*(.*)$/;

function keywordItem(kw: Keyword, range: Range): CompletionItem {
  return {
    label: kw.name,
    kind: CompletionItemKind.Keyword,
    detail: kw.kind === "block" ? `${kw.name} NAME {` : kw.ignored ? "ignored by Piranha" : `${kw.name} = …`,
    documentation: { kind: "markdown", value: keywordMarkdown(kw) },
    textEdit: { range, newText: kw.kind === "block" ? `${kw.name} ` : `${kw.name} = ` },
    // Keywords no daemon reads come last.
    sortText: `${kw.ignored ? "1" : "0"}${kw.name}`,
  };
}

function valueItems(kw: Keyword, range: Range): CompletionItem[] {
  const item = (label: string, detail: string, kind: CompletionItemKind = CompletionItemKind.EnumMember): CompletionItem => ({
    label,
    kind,
    detail,
    textEdit: { range, newText: label },
  });
  if (kw.kind === "enum") return kw.values!.map((v) => item(v, isScheduler(v) ? SCHEDULER_DOCS[v] : `${kw.name} = ${v}`));
  if (kw.kind === "bool") return [item("0", "off", CompletionItemKind.Value), item("1", "on", CompletionItemKind.Value)];
  return [];
}

/** Device names the document gives: the second value of `address` and `nat_router`, and `syncd_iface`. */
export function usedDevices(doc: LvsDocument): string[] {
  const names = new Set<string>();
  for (const segment of doc.segments) for (const name of segment.devices) names.add(name);
  return [...names].sort();
}

export function completion(doc: LvsDocument, position: Position): CompletionItem[] {
  const offset = doc.offsetAt(position);
  const text = doc.text;
  const lineStart = doc.lines.lineStart(doc.lines.lineOf(offset));
  const before = text.slice(lineStart, offset);
  const segment = doc.segmentAt(offset);
  const level: Level = levelAt(segment, offset - segment.start);

  const key = KEY.exec(before);
  if (key) {
    const range = rangeOf(doc.lines, offset - key[1]!.length, offset);
    return keywordsAt(level).map((kw) => keywordItem(kw, range));
  }
  const value = VALUE.exec(before);
  if (!value) return [];
  const kw = keywordAt(level, value[1]!) ?? keywordAt(level, value[1]!.toLowerCase());
  if (!kw) return [];
  const words = value[2]!.split(/[ \t]+/);
  const typed = words[words.length - 1]!;
  const range = rangeOf(doc.lines, offset - typed.length, offset);
  if (words.length === 1) return valueItems(kw, range);
  if (words.length === 2 && kw.kind === "hostDevice")
    return usedDevices(doc).map((name) => ({ label: name, kind: CompletionItemKind.Constant, detail: "device used in this file", textEdit: { range, newText: name } }));
  return [];
}
