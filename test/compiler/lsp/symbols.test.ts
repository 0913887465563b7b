/** Document symbols: global settings, virtual servers with VIP:port, real servers; and folding ranges. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LvsDocument } from "../../../compiler/lsp/document.ts";
import { foldingRanges } from "../../../compiler/lsp/folding.ts";
import { SymbolKind, type DocumentSymbol } from "../../../compiler/lsp/protocol.ts";
import { documentSymbols } from "../../../compiler/lsp/symbols.ts";
import { cursor } from "./helpers.ts";

const TEXT = [
  "primary = 10.0.0.1",
  "service = lvs",
  "virtual web {",
  "     active = 1",
  "     address = 192.168.0.10 eth0:1",
  "     port = 443",
  "     server a {",
  "         address = 10.0.0.11",
  "     }",
  "     server b {",
  "         address = 10.0.0.12",
  "         port = 8443",
  "     }",
  "}",
  "# marked services",
  "virtual ftp {",
  "     address = 192.168.0.10 eth0:1",
  "     fwmark = 21",
  "}",
  "failover mail {",
  "     address = 192.168.0.20 eth0:2",
  "}",
  "",
].join("\n");

const outline = (symbols: DocumentSymbol[]): unknown[] =>
  symbols.map((s) => [s.name, s.detail, s.kind, ...(s.children ? [outline(s.children)] : [])]);

test("globals, virtual servers with VIP:port (or fwmark), their real servers", () => {
  assert.equal(outline(documentSymbols(new LvsDocument(TEXT))), [
    ["primary", "10.0.0.1", SymbolKind.Property],
    ["service", "lvs", SymbolKind.Property],
    ["virtual web", "192.168.0.10:443", SymbolKind.Class, [["server a", "10.0.0.11", SymbolKind.Struct], ["server b", "10.0.0.12:8443", SymbolKind.Struct]]],
    ["virtual ftp", "fwmark 21", SymbolKind.Class, []],
    ["failover mail", "192.168.0.20:80", SymbolKind.Class, []],
  ]);
});

test("symbol ranges: the whole block, the name selected", () => {
  const [, , web] = documentSymbols(new LvsDocument(TEXT));
  assert.equal(web!.range, { start: { line: 2, character: 0 }, end: { line: 13, character: 1 } });
  assert.equal(web!.selectionRange, { start: { line: 2, character: 8 }, end: { line: 2, character: 11 } });
  assert.equal(web!.children![1]!.range, { start: { line: 9, character: 5 }, end: { line: 12, character: 6 } });
});

test("a symbol at the cursor's block, in a CRLF file", () => {
  const { doc } = cursor(TEXT.replace(/\n/g, "\r\n").replace("server b", "server <|>b"));
  const web = documentSymbols(doc)[2]!;
  assert.equal(web.children![1]!.selectionRange, { start: { line: 9, character: 12 }, end: { line: 9, character: 13 } });
});

test("folding: each block up to the line before its `}`, runs of comment lines", () => {
  const text = `# one\n# two\nprimary = 10.0.0.1\n${TEXT}# end\n`;
  assert.equal(foldingRanges(new LvsDocument(text)), [
    { startLine: 0, endLine: 1, kind: "comment" },
    { startLine: 5, endLine: 15 },
    { startLine: 9, endLine: 10 },
    { startLine: 12, endLine: 14 },
    { startLine: 18, endLine: 20 },
    { startLine: 22, endLine: 23 },
  ]);
  // A block left open folds to its last line.
  assert.equal(foldingRanges(new LvsDocument("virtual web {\n     active = 1\n     port = 80\n")), [{ startLine: 0, endLine: 2 }]);
});

test.run();
