/**
 * The printer takes a line from the file as it stands when the file already has it in the
 * printed form (`printedEnd`, `printedHeaderEnd`). Whenever it does, the slice is exactly what the
 * line printers make of the item, for generated layouts, hand-written files and their
 * formatted output.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { blockHeaderLine, formatLvs, printedEnd, printedHeaderEnd, statementLine } from "../../compiler/format/print.ts";
import { parse, walk } from "../../grammar/index.ts";
import { runParams } from "../helpers/arbitraries.ts";
import { formattableConfig, roughConfig } from "../helpers/format-arbitrary.ts";

/** How many lines of `text` the printer may take as they stand; each is checked against the line printers. */
function slicesOf(text: string): number {
  const file = parse(text);
  let taken = 0;
  walk(file, (item) => {
    if (item.kind === "statement") {
      const end = printedEnd(text, item);
      if (end < 0) return;
      assert.is(text.slice(item.start, end), statementLine(item), JSON.stringify(text));
      taken++;
    } else if (item.kind === "block") {
      const end = printedHeaderEnd(text, item);
      if (end < 0) return;
      assert.is(text.slice(item.start, end), blockHeaderLine(item), JSON.stringify(text));
      taken++;
    }
  });
  return taken;
}

for (const [name, arb] of [
  ["generated layouts", formattableConfig],
  ["hand-written files", roughConfig],
] as const) {
  test(`a line taken from the file is the line printed: ${name} and their output (1000 runs)`, () => {
    let taken = 0;
    fc.assert(
      fc.property(arb, (text) => {
        taken += slicesOf(text) + slicesOf(formatLvs(text));
      }),
      runParams(1000),
    );
    assert.ok(taken > 1000, `${taken} lines taken as they stand`);
  });
}

test("which lines are taken as they stand", () => {
  const cases: Array<[line: string, taken: boolean]> = [
    ["keepalive = 6", true],
    ["network = direct", true],
    ["network = DIRECT", false],
    ["network = Direct", false],
    ["keepalive = #1", false],
    ["keepalive  = 6", false],
    ["keepalive = 6 # six", false],
    ["Keepalive = 6", false],
    ["virtual web {\n     send = \"GET / HTTP/1.0\\r\\n\\r\\n\"\n     scheduler = wlc\n}", true],
    ["virtual web {\n     scheduler = WLC\n}", false],
  ];
  for (const [line, taken] of cases) {
    const text = `${line}\n`;
    const statements: number[] = [];
    walk(parse(text), (item) => {
      if (item.kind === "statement") statements.push(printedEnd(text, item));
    });
    assert.is(statements.every((end) => end >= 0), taken, line);
    slicesOf(text);
  }
});

test("lines not in the printed form are printed anew", () => {
  const text = "virtual  web {\n     port  = 80\n     port =\t80\n     Port = 80\n     server a{\n     }\n}\n";
  assert.is(slicesOf(text), 0);
  assert.is(formatLvs(text), "virtual web {\n     port = 80\n     port = 80\n     port = 80\n     server a {\n     }\n}\n");
});

test.run();
