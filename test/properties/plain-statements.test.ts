/**
 * Rules that visit only unusual statements (`unusualStatement`) skip the plain `keyword = value`
 * lines. Called for every statement instead, they find exactly the same: a plain line never has
 * what they look for.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "../../grammar/index.ts";
import { lintText } from "../../compiler/lint/engine.ts";
import { ALL_RULES } from "../../compiler/lint/rules/index.ts";
import type { Rule } from "../../compiler/lint/types.ts";
import { generateConfig } from "../../bench/generate.ts";
import { anyText, applyEdits, edit, lvsLineText, runParams } from "../helpers/arbitraries.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../helpers/paths.ts";

const TEXTS = [...corpusFiles().map(readCorpus), ...exampleFiles().map(readExample)];

/** The rule, visiting every statement with its visitor of unusual ones. */
function everyStatement(rule: Rule): Rule {
  return {
    meta: rule.meta,
    create(ctx) {
      const visitors = rule.create(ctx);
      const { unusualStatement, ...rest } = visitors;
      if (!unusualStatement) return visitors;
      assert.not.ok(rest.statement, `${rule.meta.id} has both statement visitors`);
      return { ...rest, statement: unusualStatement };
    },
  };
}

const WIDENED = ALL_RULES.map(everyStatement);

function same(text: string): void {
  assert.equal(lintText(text, { rules: WIDENED }).diagnostics, lintText(text).diagnostics);
}

test("some rules visit unusual statements only, and a generated file's lines are nearly all plain", () => {
  const context = { source: parse("").source, model: lintText("").model, report() {} };
  assert.ok(ALL_RULES.filter((r) => r.create(context).unusualStatement).length >= 8);
  const statements = parse(generateConfig(20, 4)).items.flatMap((i) => (i.kind === "block" ? i.items.flatMap((j) => (j.kind === "block" ? j.items : [j])) : [i]));
  const plain = statements.filter((s) => s.kind === "statement" && s.plain).length;
  assert.ok(plain / statements.length > 0.8, `${plain} of ${statements.length}`);
});

test("plain and unusual lines, one by one", () => {
  const plain = (line: string): boolean => {
    const item = parse(line).items[0]!;
    return item.kind === "statement" && item.plain;
  };
  for (const line of ["keepalive = 6", "primary = 10.0.0.1", "nat_router = 192.168.1.1 eth1:1", "syncd_iface = eth0"]) assert.ok(plain(line), line);
  for (const line of [
    "Keepalive = 6",
    "keepalive=6",
    "keepalive =6",
    "keepalive= 6",
    'keepalive = "6"',
    "keepalive = 6 # seconds",
    "keepalive = 6 7",
    "nat_router = 192.168.1.1",
    "network = nat",
    "keepalive",
    "= 6",
    "virtual = x",
    "nosuch = 1",
    "port = 80",
  ])
    assert.not.ok(plain(line), line);
});

test("any text: rules of unusual statements find the same as when called for every statement (1,500 runs)", () => {
  fc.assert(fc.property(fc.oneof(anyText, lvsLineText), same), runParams(1500));
});

test("damaged corpus files: the same (500 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => same(applyEdits(text, edits))),
    runParams(500),
  );
});

test("templates: the same", () => {
  for (const text of ["port = {{ port }}\n", "virtual v {\n  port = <% p %>\n}\n", "primary = {% x %}\n"]) {
    same(text);
    assert.ok(lintText(text).diagnostics.some((d) => d.ruleId === "LVS1001"), text);
  }
});

test.run();
