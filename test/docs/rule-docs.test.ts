import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ALL_RULES } from "../../compiler/lint/rules/index.ts";
import { ruleDocsPath } from "../../compiler/lint/docs-url.ts";
import { RULE_INDEX_PATH, ruleIndexMarkdown } from "../../scripts/gen-rule-index.ts";

const DOCS = fileURLToPath(new URL("../../docs/rules/", import.meta.url));
/** Parser rules explain what Piranha's parser does; semantic rules what the daemons do. */
const sectionsOf = (id: string): string[] => [id.startsWith("LVS1") ? "## What Piranha does" : "## What the daemons do", "## Example", "## Fix", "## Disable"];

test("every rule has a page whose title names its id and alias", () => {
  for (const { meta } of ALL_RULES) {
    const path = `${DOCS}${meta.id}.md`;
    assert.ok(existsSync(path), `missing docs/rules/${meta.id}.md`);
    const title = readFileSync(path, "utf8").split("\n")[0]!;
    assert.ok(title.startsWith("# "), `${meta.id}.md: first line is not a title: ${title}`);
    assert.ok(title.includes(meta.id), `${meta.id}.md: title lacks the id: ${title}`);
    assert.ok(title.includes(meta.alias), `${meta.id}.md: title lacks the alias ${meta.alias}: ${title}`);
  }
});

test("the pages are where the linter's documentation links point", () => {
  for (const { meta } of ALL_RULES) assert.ok(existsSync(ruleDocsPath(meta.id)), ruleDocsPath(meta.id));
});

test("every page has its sections in order", () => {
  for (const { meta } of ALL_RULES) {
    const lines = readFileSync(`${DOCS}${meta.id}.md`, "utf8").split("\n");
    const sections = sectionsOf(meta.id);
    const at = sections.map((h) => lines.indexOf(h));
    for (const [i, h] of sections.entries()) assert.ok(at[i]! > 0, `${meta.id}.md: no "${h}" heading`);
    assert.equal(at, [...at].sort((a, b) => a - b), `${meta.id}.md: sections out of order`);
  }
});

test("no page for a rule that does not exist", () => {
  const ids = new Set(ALL_RULES.map((r) => r.meta.id));
  const stray = readdirSync(DOCS).filter((f) => /^LVS\d+\.md$/.test(f) && !ids.has(f.slice(0, -3)));
  assert.equal(stray, []);
});

test("docs/rules/README.md is what scripts/gen-rule-index.ts generates", () => {
  assert.ok(existsSync(RULE_INDEX_PATH), "run: node --import tsx scripts/gen-rule-index.ts --write");
  const committed = readFileSync(RULE_INDEX_PATH, "utf8");
  assert.fixture(committed, ruleIndexMarkdown(ALL_RULES), "stale index; run: node --import tsx scripts/gen-rule-index.ts --write");
});

test("the index lists every rule once, linked to its page", () => {
  const page = ruleIndexMarkdown(ALL_RULES);
  for (const { meta } of ALL_RULES) {
    const rows = page.split("\n").filter((l) => l.startsWith(`| [${meta.id}](${meta.id}.md) | \`${meta.alias}\` |`));
    assert.is(rows.length, 1, meta.id);
  }
});

test.run();
