/**
 * Document symbols: the global settings, each virtual (and failover) server with its VIP:port
 * (or firewall mark), and its real servers with their address.
 */
import { keywordAt, type Block, type Statement } from "../../grammar/index.ts";
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

export function documentSymbols(doc: LvsDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const segment of doc.segments) {
    const range = (start: number, end: number) => rangeOf(doc.lines, segment.start + start, segment.start + end);
    const blockSymbol = (block: Block, detail: string, kind: SymbolKind, children?: DocumentSymbol[]): DocumentSymbol => {
      const name = block.names[0];
      return {
        name: `${block.blockType} ${name?.value ?? ""}`.trimEnd(),
        detail,
        kind,
        range: range(block.start, block.end),
        selectionRange: name ? range(name.start, name.end) : range(block.keyword.start, block.keyword.end),
        ...(children ? { children } : {}),
      };
    };
    const statementSymbol = (stmt: Statement): DocumentSymbol => ({
      name: stmt.key!.value,
      detail: stmt.values.map((v) => v.value).join(" "),
      kind: SymbolKind.Property,
      range: range(stmt.start, stmt.end),
      selectionRange: range(stmt.key!.start, stmt.key!.end),
    });
    for (const item of segment.items) {
      if (item.kind === "statement" && item.key) out.push(statementSymbol(item));
      else if (item.kind === "block" && item.blockType === "server") out.push(blockSymbol(item, serverOf(item), SymbolKind.Struct));
      else if (item.kind === "block") {
        const servers = item.items.filter((i): i is Block => i.kind === "block").map((s) => blockSymbol(s, serverOf(s), SymbolKind.Struct));
        out.push(blockSymbol(item, serviceOf(item), SymbolKind.Class, servers));
      }
    }
  }
  return out;
}
