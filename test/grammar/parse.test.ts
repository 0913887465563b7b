import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "../../grammar/index.ts";

test("reads statements, blocks, quoted values and comments with ranges", () => {
  const file = parse('serial_no = 1\n# note\nvirtual web {\n     send = "GET / HTTP/1.0\\r\\n"\n     server a {\n         address = 10.0.0.1\n     }\n}\n');
  assert.is(file.items.length, 2);
  const v = file.items[1]!;
  assert.is(v.kind, "block");
  if (v.kind !== "block") return;
  assert.is(v.blockType, "virtual");
  assert.is(v.names[0]!.value, "web");
  const send = v.items[0]!;
  assert.is(send.kind, "statement");
  if (send.kind !== "statement") return;
  assert.is(send.values[0]!.value, "GET / HTTP/1.0\\r\\n");
  assert.is(send.values[0]!.quote, '"');
  assert.equal(send.range.start, { offset: 40, line: 4, column: 6 });
  assert.is(file.comments[0]!.text, "# note");
});

test("a block left open ends where the next opener of its level begins", () => {
  const file = parse("virtual a {\n server s {\n  active = 1\nvirtual b {\n}\n");
  assert.is(file.items.length, 2);
  const a = file.items[0]!;
  assert.ok(a.kind === "block" && a.close === null);
});

test("the parser groups line tokens into blocks: a block's CST node holds its opener, items and close lines in order; statement lines in a row are one token", async () => {
  const { Lexer, StatementRun } = await import("../../grammar/lexer.ts");
  const { parseLines } = await import("../../grammar/parser.ts");
  const lexer = new Lexer("serial_no = 1\n  virtual web {\n     active = 1\n     port = 80\n     server a {\n     }\n     timeout = 6\n  }\n");
  const cst = parseLines(lexer.nextChunk(Infinity));
  const block = cst.children.items!.find((i) => "name" in i) as import("../../grammar/parser.ts").BlockCst;
  const items = block.children.items;
  const lines = (i: (typeof items)[number]): number[] | string =>
    i instanceof StatementRun
      ? Array.from({ length: i.to - i.from }, (_, k) => i.lines.line(i.from + k))
      : "name" in i
        ? `block at ${i.children.items[0].line}`
        : [i.line];
  assert.equal(items.map(lines), [[2], [3, 4], "block at 5", [7], [8]]);
  assert.is(items[0].startOffset, 16);
  assert.is((items[items.length - 1] as import("../../grammar/lexer.ts").LineToken).endOffset, 103);
});

test.run();
