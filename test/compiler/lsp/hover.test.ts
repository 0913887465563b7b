/** Hover with a `<|>` cursor marker: keywords from the keyword table, schedulers, lint findings. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { KEYWORDS, keywordAt, SCHEDULER_DOCS } from "../../../grammar/index.ts";
import { hover } from "../../../compiler/lsp/hover.ts";
import { cursor } from "./helpers.ts";

const BASE = "service = lvs\nnetwork = direct\n";

function hoverText(marked: string): string | null {
  const { doc, position } = cursor(marked);
  return hover(doc, position)?.contents.value ?? null;
}

test("a global keyword: what it does, Piranha's default, allowed values, the daemon that reads it", () => {
  const text = hoverText(`serv<|>ice = lvs\nnetwork = direct\n`)!;
  const kw = keywordAt("global", "service")!;
  assert.ok(text.includes(kw.doc), text);
  assert.match(text, /Piranha's default: `lvs`/);
  assert.match(text, /Values: `lvs`, `fos`/);
  assert.match(text, /Read by `pulse`/);
});

test("the same word at another level reads that level's entry", () => {
  const virtualPort = hoverText(`${BASE}virtual web {\n     p<|>ort = 80\n}\n`)!;
  const serverPort = hoverText(`${BASE}virtual web {\n     server a {\n         po<|>rt = 8080\n     }\n}\n`)!;
  assert.ok(virtualPort.includes(keywordAt("virtual", "port")!.doc));
  assert.ok(serverPort.includes(keywordAt("server", "port")!.doc));
  assert.match(serverPort, /setting of a `server` block/);
  assert.match(serverPort, /Piranha's default: none/);
});

test("a scheduler value: what that scheduler does, then the keyword", () => {
  const text = hoverText(`${BASE}virtual web {\n     scheduler = wr<|>r\n}\n`)!;
  assert.ok(text.startsWith(`**\`wrr\`**: ${SCHEDULER_DOCS.wrr}`), text);
  assert.match(text, /IPVS scheduling algorithm/);
});

test("a block keyword, a keyword no daemon reads, and the range hovered", () => {
  const { doc, position } = cursor(`${BASE}vir<|>tual web {\n}\n`);
  const h = hover(doc, position)!;
  assert.ok(h.contents.value.includes(keywordAt("global", "virtual")!.doc));
  assert.match(h.contents.value, /opens a block/);
  assert.equal(h.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 7 } });
  const ignored = hoverText(`heart<|>beat = 1\n`)!;
  assert.match(ignored, /no daemon/);
});

test("a keyword in the wrong case shows the keyword and the finding", () => {
  const text = hoverText(`Prim<|>ary = 10.0.0.1\n`)!;
  assert.ok(text.includes(keywordAt("global", "primary")!.doc));
  assert.match(text, /\*\*LVS1009\*\* `keyword-case` \(error\), fixable/);
  assert.match(text, /docs\/rules\/LVS1009\.md/);
});

test("a finding where no keyword stands: the rule's text and message", () => {
  const { doc, position } = cursor(`${BASE}keepalive = 6 # sec<|>onds\n`);
  const h = hover(doc, position)!;
  assert.match(h.contents.value, /^\*\*LVS1003\*\* `inline-comment` \(error\), fixable/);
  assert.match(h.contents.value, /Comment after a statement/);
  assert.match(h.contents.value, /A `#` comment after a statement on the same line/);
  assert.equal(h.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 23 } });
});

test("nothing to say: a blank line, a comment, a virtual's name", () => {
  assert.is(hoverText(`${BASE}<|>\n`), null);
  assert.is(hoverText(`# a no<|>te\n${BASE}`), null);
  assert.is(hoverText(`${BASE}hard_shutdown = 0\nvirtual w<|>eb {\n     active = 1\n     address = 10.0.0.1 eth0:1\n     server a {\n         address = 10.0.0.2\n         active = 1\n     }\n}\n`), null);
});

test("CRLF, lone CR and non-ASCII text before the cursor: positions in UTF-16 code units", () => {
  for (const eol of ["\r\n", "\r"]) {
    const text = hoverText(`# é😀${eol}service = lvs${eol}virtual web {${eol}     sched<|>uler = wlc${eol}}${eol}`)!;
    assert.match(text, /IPVS scheduling algorithm/, JSON.stringify(eol));
  }
  const { doc, position } = cursor(`primary = 10.0.0.1 # 😀 <|>x\n`);
  assert.equal(position, { line: 0, character: 24 });
  assert.match(hover(doc, position)!.contents.value, /LVS1003/);
});

test("every keyword of the table has a hover", () => {
  for (const kw of KEYWORDS) {
    const open = kw.level === "global" ? "" : kw.level === "virtual" ? "virtual v {\n" : "virtual v {\nserver s {\n";
    const close = kw.level === "global" ? "" : kw.level === "virtual" ? "}\n" : "}\n}\n";
    const line = kw.kind === "block" ? `${kw.name}<|> x {\n}\n` : `${kw.name}<|> = 1\n`;
    const text = hoverText(open + line + close);
    assert.ok(text?.includes(kw.doc), `${kw.level} ${kw.name}: ${text}`);
  }
});

test.run();
