/** The VS Code extension's files: the language, the client command, the TextMate grammar on sample lines. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT_PATH } from "../../helpers/paths.ts";

const dir = join(REPO_ROOT_PATH, "editors", "vscode");
const json = (name: string): any => JSON.parse(readFileSync(join(dir, name), "utf8"));

test("the language lvs-cf: files named lvs.cf, other *.cf only by the user's association", () => {
  const pkg = json("package.json");
  const [language] = pkg.contributes.languages;
  assert.is(language.id, "lvs-cf");
  assert.equal(language.filenames, ["lvs.cf"]);
  assert.is(language.extensions, undefined);
  assert.ok(existsSync(join(dir, language.configuration)));
  json(language.configuration);
  const [grammar] = pkg.contributes.grammars;
  assert.is(grammar.language, "lvs-cf");
  assert.is(json(grammar.path).scopeName, grammar.scopeName);
  assert.match(readFileSync(join(dir, "README.md"), "utf8"), /"files\.associations"[\s\S]*"\*\.cf": "lvs-cf"/);
});

test("the client starts lvs-lsp with --stdio", () => {
  const pkg = json("package.json");
  const main = readFileSync(join(dir, pkg.main), "utf8");
  assert.match(main, /args: \["--stdio"\]/);
  assert.match(main, /args: \[path, "--stdio"\]/);
  assert.is(pkg.contributes.configuration.properties["lvs.server.path"].default, "lvs-lsp");
  assert.ok(pkg.dependencies["vscode-languageclient"]);
});

/** A TextMate pattern as a JavaScript RegExp (these patterns use only what both dialects share, and (?i)). */
function regex(pattern: string): RegExp {
  return pattern.startsWith("(?i)") ? new RegExp(pattern.slice(4), "i") : new RegExp(pattern);
}

test("the grammar on sample lines", () => {
  const g = json("syntaxes/lvs-cf.tmLanguage.json").repository;
  assert.equal(regex(g.comment.match).exec("# a comment")?.[0], "# a comment");
  assert.equal(regex(g.comment.match).exec("port = 80 # after")?.[0], "# after");
  assert.is(regex(g.comment.match).exec("send = a#b"), null);
  const opener = regex(g.opener.match);
  assert.equal([...opener.exec("     Server web1 {")!].slice(1), ["Server", "web1", "{"]);
  assert.equal([...opener.exec("virtual ftp{")!].slice(1), ["virtual", "ftp", "{"]);
  assert.is(opener.exec("virtual = 1"), null);
  assert.equal([...regex(g.statement.begin).exec("     scheduler = wlc")!].slice(1), ["scheduler", "="]);
  assert.equal([...regex(g.statement.begin).exec("primary=10.0.0.1")!].slice(1), ["primary", "="]);
  const [double, single, address, number, device] = g.value.patterns;
  assert.is(double.name, "string.quoted.double.lvs-cf");
  assert.is(single.name, "string.quoted.single.lvs-cf");
  assert.equal(regex(address.match).exec("address = 192.168.0.1 eth0:1")?.[0], "192.168.0.1");
  assert.equal(regex(number.match).exec("timeout = 0x10")?.[0], "0x10");
  assert.is(regex(number.match).exec("address = 10.0.0.1"), null);
  assert.equal(regex(device.match).exec("address = 192.168.0.1 eth0:1")?.[0], "eth0:1");
  assert.equal(regex(g.placeholder.match).exec('send_program = "/bin/check %h %p"')?.[0], "%h");
});

test("docs/editors.md sets up Neovim and Emacs", () => {
  const page = readFileSync(join(REPO_ROOT_PATH, "docs", "editors.md"), "utf8");
  assert.match(page, /vim\.lsp\.start\(\{[\s\S]*cmd = \{ "lvs-lsp", "--stdio" \}/);
  assert.match(page, /eglot-server-programs '\(lvs-cf-mode "lvs-lsp" "--stdio"\)/);
});

test.run();
