/**
 * Code actions with a `<|>` cursor on a finding: every fixable rule's quick fix edits the text
 * as its fix says and the finding is gone; "fix all" does what `lvs-lint --fix` does.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { codeActions } from "../../../compiler/lsp/code-actions.ts";
import { applyFixes, fixText } from "../../../compiler/lint/fix.ts";
import { lintText } from "../../../compiler/lint/engine.ts";
import { ALL_RULES } from "../../../compiler/lint/rules/index.ts";
import { CodeActionKind } from "../../../compiler/lsp/protocol.ts";
import { applyEdits, cursor } from "./helpers.ts";

const URI = "file:///etc/sysconfig/ha/lvs.cf";

/** For each fixable rule, a file with one finding of it, the cursor on that finding. */
const CASES: Record<string, string> = {
  LVS1003: "keepalive = 6 # sec<|>onds\n",
  LVS1004: "primary = 10.0.0.1<|>\r\nservice = lvs\r\n",
  LVS1005: "primary=<|>10.0.0.1\n",
  LVS1006: "virtual web{<|>\n     active = 0\n}\n",
  LVS1007: 'virtual web {\n     active = 0\n     expect = "HTTP"  <|> \n}\n',
  LVS1008: "primary =\u00a0<|>10.0.0.1\n",
  LVS1009: "Prim<|>ary = 10.0.0.1\n",
  LVS1011: "vir<|>tual web {\n     active = 0\n",
  LVS1012: "virtual web {\n     active = 0\n} xy<|>z\n",
  LVS1013: "keepalive = 0<|>10\n",
  LVS2016: "service = lvs\nvirtual w<|>eb {\n     address = 10.0.0.1 eth0:1\n}\n",
  LVS2027: "virtual web {\n     active = 0\n     expect = 'HT<|>TP'\n}\n",
};

test("every fixable rule has a case here", () => {
  const fixable = ALL_RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id);
  assert.equal(Object.keys(CASES).sort(), fixable.sort());
});

for (const [id, marked] of Object.entries(CASES)) {
  test(`${id}: the quick fix at the cursor edits as the fix says, and the finding is gone`, () => {
    const { doc, text, position, offset } = cursor(marked);
    const finding = doc.diagnostics().find((d) => d.ruleId === id && d.start <= offset && offset <= d.end);
    assert.ok(finding?.fix, `${id} at the cursor: ${JSON.stringify(doc.diagnostics())}`);
    const actions = codeActions(doc, URI, { start: position, end: position });
    const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix && a.diagnostics?.[0]?.code === id);
    assert.ok(fix, JSON.stringify(actions));
    assert.is(fix!.isPreferred, true);
    assert.match(fix!.title, new RegExp(`^Fix ${id} \\(`));
    const fixed = applyEdits(text, fix!.edit.changes[URI]!);
    assert.is(fixed, applyFixes(text, [finding!.fix!]).text);
    assert.equal(
      lintText(fixed).diagnostics.filter((d) => d.ruleId === id),
      [],
      fixed,
    );
  });
}

test("only the findings in the range get a quick fix; `only` filters the kinds", () => {
  const { doc, position } = cursor("primary=10.0.0.1\nkeepalive = 010<|>\n");
  const here = codeActions(doc, URI, { start: position, end: position });
  assert.equal(
    here.filter((a) => a.kind === "quickfix").map((a) => a.diagnostics![0]!.code),
    ["LVS1013"],
  );
  const all = codeActions(doc, URI, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, ["quickfix"]);
  assert.equal(all.map((a) => a.diagnostics![0]!.code), ["LVS1005", "LVS1013"]);
  assert.equal(codeActions(doc, URI, { start: position, end: position }, ["source"]).map((a) => a.kind), ["source.fixAll"]);
  // Fix all lints until the text settles: only when asked for by kind.
  assert.not.ok(here.some((a) => a.kind === "source.fixAll"));
});

test("fix all (source.fixAll): the edits give what lvs-lint --fix writes", () => {
  const { doc, text, position } = cursor("Primary=10.0.0.1\r\nservice = lvs # mode\r\nvirtual web{\r\n     scheduler = WLC<|>\r\n");
  const [all] = codeActions(doc, URI, { start: position, end: position }, [CodeActionKind.SourceFixAll]);
  assert.ok(all);
  assert.is(all!.kind, "source.fixAll");
  assert.is(applyEdits(text, all!.edit.changes[URI]!), fixText(text).output);
  // A file without fixable findings offers no fix all.
  assert.equal(codeActions(cursor("primary = 10.0.0.1<|>\n").doc, URI, { start: position, end: position }, ["source.fixAll"]), []);
});

test.run();
