import { test } from "uvu";
import * as assert from "uvu/assert";
import { KEYWORD_NAMES, KEYWORDS, keywordAt, keywordsAt, SCHEDULERS } from "../../grammar/index.ts";

test("the 58 keywords of Piranha 0.8.6 at their levels: 33 global, 24 in virtual/failover, 4 in server", () => {
  assert.is(KEYWORD_NAMES.length, 58);
  assert.is(keywordsAt("global").length, 33);
  assert.is(keywordsAt("virtual").length, 24);
  assert.is(keywordsAt("server").length, 4);
  for (const name of ["active", "address", "port"]) {
    assert.ok(keywordAt("virtual", name) && keywordAt("server", name), name);
  }
});

test("a keyword's id is its place in the table, so that tables indexed by id line up with it", () => {
  assert.equal(KEYWORDS.map((k) => k.id), KEYWORDS.map((_, i) => i));
});

test("defaults are Piranha's", () => {
  const d = (level: "global" | "virtual" | "server", name: string) => keywordAt(level, name)!.default;
  assert.is(d("global", "keepalive"), 2);
  assert.is(d("global", "deadtime"), 5);
  assert.is(d("global", "heartbeat_port"), 539);
  assert.is(d("global", "hard_shutdown"), 1);
  assert.is(d("global", "network"), "nat");
  assert.is(d("global", "service"), "lvs");
  assert.is(d("virtual", "timeout"), 10);
  assert.is(d("virtual", "reentry"), 180);
  assert.is(d("virtual", "scheduler"), "wlc");
  assert.is(d("virtual", "protocol"), "tcp");
  assert.is(d("virtual", "port"), 80);
  assert.is(d("virtual", "active"), 0);
  assert.is(d("server", "active"), 0);
  assert.is(d("server", "weight"), 1);
});

test("every entry is complete: a kind, a daemon, a doc; enums list their values", () => {
  for (const k of KEYWORDS) {
    assert.ok(k.doc.length > 10, k.name);
    if (k.kind === "enum") assert.ok(k.values && k.values.length > 1, k.name);
  }
  assert.equal([...keywordAt("virtual", "scheduler")!.values!], [...SCHEDULERS]);
  assert.equal(
    KEYWORDS.filter((k) => k.ignored).map((k) => k.name),
    ["serial_no", "heartbeat", "debug_level", "sync", "master", "dirs"],
  );
});

test.run();
