import { test } from "uvu";
import * as assert from "uvu/assert";
import { KEYWORD_NAMES, KEYWORDS, keywordAt, keywordsAt, parse, SCHEDULERS, walk, type BlockItem, type TopItem } from "../../grammar/index.ts";

test("the 58 keywords of Piranha 0.8.6 at their levels: 33 global, 24 in virtual/failover, 4 in server", () => {
  assert.is(KEYWORD_NAMES.length, 58);
  assert.is(keywordsAt("global").length, 33);
  assert.is(keywordsAt("virtual").length, 24);
  assert.is(keywordsAt("server").length, 4);
  for (const name of ["active", "address", "port"]) {
    assert.ok(keywordAt("virtual", name) && keywordAt("server", name), name);
  }
});

/** Piranha 0.8.6's keywords by level, as lvsconfig.c accepts them (written down apart from the table, sorted). */
const PIRANHA_KEYWORDS = {
  global: "active_cmd backup backup_active backup_private backup_shared deadtime debug_level failover hard_shutdown heartbeat heartbeat_port inactive_cmd ipvsadm keepalive monitor_links nat_nmask nat_router network primary primary_private primary_shared reservation_conflict_action rsh_command serial_no service sync syncd_id syncd_iface syncdaemon tcp_timeout tcpfin_timeout udp_timeout virtual",
  virtual: "active address client_monitor dirs expect fwmark load_monitor master persistent pmask port protocol quiesce_server reentry scheduler send send_program server sorry_server start_cmd stop_cmd timeout use_regex vip_nmask",
  server: "active address port weight",
} as const;

/** A text in which `name` stands at `level`: a statement, or a block opener for the block keywords. */
function textWith(level: "global" | "virtual" | "server", name: string): string {
  const line = name === "virtual" || name === "failover" || name === "server" ? `${name} x {\n}` : `${name} = 1`;
  if (level === "global") return `${line}\n`;
  if (level === "virtual") return `virtual v {\n${line}\n}\n`;
  return `virtual v {\nserver s {\n${line}\n}\n}\n`;
}

test("each keyword of Piranha, parsed from text, carries an id that finds it again in the table", () => {
  for (const [level, names] of Object.entries(PIRANHA_KEYWORDS) as Array<["global" | "virtual" | "server", string]>) {
    assert.equal(keywordsAt(level).map((k) => k.name).sort(), names.split(" "), `${level} keywords`);
    for (const name of names.split(" ")) {
      const nodes: Array<TopItem | BlockItem> = [];
      walk(parse(textWith(level, name)), (n) => void nodes.push(n));
      const found = nodes.find((n) => (n.kind === "statement" && n.keyword?.name === name) || (n.kind === "block" && n.blockType === name && n.level === level));
      const kw = found?.kind === "statement" ? found.keyword : found?.kind === "block" ? keywordAt(level, name) : null;
      assert.ok(kw, `${name} at ${level} is read as a keyword`);
      assert.is(KEYWORDS[kw!.id], kw, `${name}: KEYWORDS[id] is the keyword itself`);
      assert.is(kw!.level, level, name);
    }
  }
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
