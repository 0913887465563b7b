/**
 * Document symbols: the global settings, each virtual (and failover) server with its VIP:port
 * (or firewall mark), and its real servers with their address.
 */
import { keywordAt, type Block, type Statement, type TopItem } from "../../grammar/index.ts";
import type { LvsDocument } from "./document.ts";
import { rangeOf } from "./positions.ts";
import { SymbolKind, type DocumentSymbol } from "./protocol.ts";

/** The first value of the last statement setting `name` in a block (Piranha keeps the last). */
function setting(block: Block, name: string): string | null {
  let value: string | null = null;
  for (const item of block.items) {
    if (item.kind === "statement" && item.keyword?.name === name && item.equalsAt >= 0 && item.values[0]) value = item.values[0].value;
  }
  return value;
}

function serviceOf(block: Block): string {
  const fwmark = setting(block, "fwmark");
  if (fwmark !== null && fwmark !== "0") return `fwmark ${fwmark}`;
  const vip = setting(block, "address") ?? "(no address)";
  return `${vip}:${setting(block, "port") ?? keywordAt("virtual", "port")!.default}`;
}

function serverOf(block: Block): string {
  const address = setting(block, "address") ?? "(no address)";
  const port = setting(block, "port");
  return port === null ? address : `${address}:${port}`;
}

/** A symbol with offsets relative to its segment, kept by the segment (see `Segment.outline`). */
export interface OutlineEntry {
  readonly name: string;
  readonly detail: string;
  readonly kind: SymbolKind;
  readonly start: number;
  readonly end: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly children?: OutlineEntry[];
}

function blockEntry(block: Block, detail: string, kind: SymbolKind, children?: OutlineEntry[]): OutlineEntry {
  const name = block.names[0] ?? null;
  const selection = name ?? block.keyword;
  return {
    name: `${block.blockType} ${name?.value ?? ""}`.trimEnd(),
    detail,
    kind,
    start: block.start,
    end: block.end,
    selectionStart: selection.start,
    selectionEnd: selection.end,
    ...(children ? { children } : {}),
  };
}

function statementEntry(stmt: Statement): OutlineEntry {
  const key = stmt.key!;
  return {
    name: key.value,
    detail: stmt.values.map((v) => v.value).join(" "),
    kind: SymbolKind.Property,
    start: stmt.start,
    end: stmt.end,
    selectionStart: key.start,
    selectionEnd: key.end,
  };
}

/** The symbols of a segment's top-level items. */
export function outlineOf(items: readonly TopItem[]): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (const item of items) {
    if (item.kind === "statement" && item.key) out.push(statementEntry(item));
    else if (item.kind === "block" && item.blockType === "server") out.push(blockEntry(item, serverOf(item), SymbolKind.Struct));
    else if (item.kind === "block") {
      const servers = item.items.filter((i): i is Block => i.kind === "block").map((s) => blockEntry(s, serverOf(s), SymbolKind.Struct));
      out.push(blockEntry(item, serviceOf(item), SymbolKind.Class, servers));
    }
  }
  return out;
}

export function documentSymbols(doc: LvsDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const segment of doc.segments) {
    const range = (start: number, end: number) => rangeOf(doc.lines, segment.start + start, segment.start + end);
    const symbol = (e: OutlineEntry): DocumentSymbol => ({
      name: e.name,
      detail: e.detail,
      kind: e.kind,
      range: range(e.start, e.end),
      selectionRange: range(e.selectionStart, e.selectionEnd),
      ...(e.children ? { children: e.children.map(symbol) } : {}),
    });
    for (const e of segment.outline) out.push(symbol(e));
  }
  return out;
}
