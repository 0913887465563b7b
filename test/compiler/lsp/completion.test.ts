/** Completion with a `<|>` cursor marker: keywords by level, values after `=`, device names. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { keywordsAt, SCHEDULER_DOCS, SCHEDULERS } from "../../../grammar/index.ts";
import { completion } from "../../../compiler/lsp/completion.ts";
import { applyEdits, cursor } from "./helpers.ts";

function complete(marked: string) {
  const { doc, position } = cursor(marked);
  return completion(doc, position);
}
const labels = (marked: string): string[] => complete(marked).map((c) => c.label);
const names = (level: "global" | "virtual" | "server"): string[] => keywordsAt(level).map((k) => k.name);

const FILE = (body: string): string => `service = lvs\nnetwork = direct\nvirtual web {\n     active = 1\n${body}}\n`;

test("at the start of a line, the keywords valid at that level", () => {
  assert.equal(labels(`<|>`), names("global"));
  assert.equal(labels(`service = lvs\n<|>\nvirtual web {\n}\n`), names("global"));
  assert.equal(labels(FILE("     <|>\n")), names("virtual"));
  assert.equal(labels(FILE("     server a {\n         <|>\n     }\n")), names("server"));
  // After the block's `}` the level is the enclosing one again.
  assert.equal(labels(`${FILE("     server a {\n     }\n     <|>\n")}`), names("virtual"));
  assert.equal(labels(`${FILE("")}<|>`), names("global"));
});

test("a block left open still holds the lines after it", () => {
  assert.equal(labels(`virtual web {\n     active = 1\n     <|>`), names("virtual"));
  assert.equal(labels(`virtual web {\n     server a {\n         <|>`), names("server"));
});

test("the word typed so far is replaced; a keyword inserts `name = `", () => {
  const { doc, position, text } = cursor(FILE("     sche<|>\n"));
  const item = completion(doc, position).find((c) => c.label === "scheduler")!;
  assert.equal(item.textEdit!.range, { start: { line: 4, character: 5 }, end: { line: 4, character: 9 } });
  assert.is(applyEdits(text, [item.textEdit!]), FILE("     scheduler = \n"));
  assert.match(item.documentation!.value, /IPVS scheduling algorithm/);
  const block = completion(doc, position).find((c) => c.label === "server")!;
  assert.is(block.textEdit!.newText, "server ");
});

test("after `scheduler =`, the schedulers with a line on each", () => {
  const items = complete(FILE("     scheduler = <|>\n"));
  assert.equal(
    items.map((c) => [c.label, c.detail]),
    SCHEDULERS.map((s) => [s, SCHEDULER_DOCS[s]]),
  );
  const { doc, position, text } = cursor(FILE("     scheduler = wl<|>\n"));
  const wlc = completion(doc, position).find((c) => c.label === "wlc")!;
  assert.is(applyEdits(text, [wlc.textEdit!]), FILE("     scheduler = wlc\n"));
});

test("enumerated values and switches; nothing for free text", () => {
  assert.equal(labels(FILE("     protocol = <|>\n")), ["tcp", "udp"]);
  assert.equal(labels(`network = <|>\n`), ["nat", "direct", "tunnel"]);
  assert.equal(labels(`service=<|>\n`), ["lvs", "fos"]);
  assert.equal(labels(FILE("     use_regex = <|>\n")), ["0", "1"]);
  assert.equal(labels(FILE("     send = <|>\n")), []);
  assert.equal(labels(`nonsense = <|>\n`), []);
  // A keyword of another level is not this level's.
  assert.equal(labels(`protocol = <|>\n`), []);
});

test("after the address of `address` or `nat_router`, the device names the file uses", () => {
  const text = `nat_router = 10.0.0.254 eth1:9\nsyncd_iface = eth2\nvirtual a {\n     address = 10.0.0.1 eth0:1\n}\nvirtual b {\n     address = 10.0.0.2 <|>\n}\n`;
  assert.equal(labels(text), ["eth0:1", "eth1:9", "eth2"]);
  assert.equal(labels(`nat_router = 10.0.0.254 <|>\n`), []);
  assert.equal(labels(`virtual b {\n     address = <|>\n}\n`), []);
});

test("nothing inside a comment, after a value, or on a block opener", () => {
  assert.equal(labels(`# <|>\n`), []);
  assert.equal(labels(`service = lvs <|>\n`), []);
  assert.equal(labels(`virtual <|>\n`), []);
});

test("CRLF and lone CR files", () => {
  assert.equal(labels(`service = lvs\r\nvirtual web {\r\n     <|>\r\n}\r\n`), names("virtual"));
  assert.equal(labels(`service = lvs\rvirtual web {\r     protocol = <|>\r}\r`), ["tcp", "udp"]);
});

test.run();
