/**
 * lvs-lsp as an editor runs it: the built executable on standard input and output, spoken to
 * with JSON-RPC framed by Content-Length headers (written here, without a client library).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "dist", "bin", "lvs-lsp.js");
/** Nothing here waits longer than this for the server. */
const TIMEOUT_MS = 20000;

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: any;
  readonly result?: any;
  readonly error?: { message: string };
}

/** A JSON-RPC peer over a child's standard input and output. */
class Peer {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly received: Message[] = [];
  private readonly waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on("data", (chunk: Buffer) => this.read(chunk));
    child.stderr.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8")) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const waiter = this.waiters.findIndex((w) => w.match(message));
      if (waiter >= 0) this.waiters.splice(waiter, 1)[0]!.resolve(message);
      else this.received.push(message);
    }
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** The first message (received or to come) that `match` accepts. */
  next(what: string, match: (m: Message) => boolean): Promise<Message> {
    const i = this.received.findIndex(match);
    if (i >= 0) return Promise.resolve(this.received.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms; stderr: ${this.stderr.join("")}`)), TIMEOUT_MS);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  async request(method: string, params: object): Promise<any> {
    const id = this.nextId++;
    this.send({ id, method, params });
    const reply = await this.next(`reply to ${method}`, (m) => m.id === id && m.method === undefined);
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  /** shutdown, then exit: the server must end with status 0. */
  async stop(): Promise<void> {
    assert.is(await this.request("shutdown", {}), null);
    this.notify("exit", {});
    assert.is(await this.exited, 0);
  }

  /** The initialize handshake. */
  async initialize(rootUri: string | null): Promise<any> {
    const result = await this.request("initialize", { processId: process.pid, rootUri, capabilities: {} });
    this.notify("initialized", {});
    return result;
  }

  diagnostics(uri: string, version: number): Promise<Message> {
    return this.next(`diagnostics of version ${version}`, (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === version);
  }
}

const start = (): Peer => new Peer(spawn(process.execPath, [bin, "--stdio"], { cwd: root }));

/**
 * A server started and initialised, `body` run against it, then shutdown and exit 0; the
 * child is killed whatever happens. Returns the peer, for what it wrote to standard error.
 */
async function session(rootUri: string | null, body: (peer: Peer, init: any) => Promise<void>): Promise<Peer> {
  const peer = start();
  try {
    await body(peer, await peer.initialize(rootUri));
    await peer.stop();
    return peer;
  } finally {
    peer.child.kill();
  }
}

const dir = mkdtempSync(join(tmpdir(), "lvs-lsp-"));
const file = join(dir, "lvs.cf");
const uri = pathToFileURL(file).href;
// Line 1 glues `=` (LVS1005, error); line 2 has an inline comment (LVS1003, error).
const TEXT = "primary=10.0.0.1\nkeepalive = 6 # seconds\nservice = lvs\nnetwork = direct\nvirtual web {\n     active = 1\n     address = 10.0.0.100 eth0:1\n     vip_nmask = 255.255.255.0\n     server a {\n         address = 10.0.0.11\n         active = 1\n     }\n}\n";
writeFileSync(file, TEXT);

const codes = (m: Message): Array<[string, number, number, number, number]> =>
  m.params.diagnostics
    .filter((d: { severity: number }) => d.severity <= 2)
    .map((d: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => [
      d.code,
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
    ]);

test("a session: diagnostics on open and after an incremental edit, formatting, a code action, shutdown and exit 0", async () => {
  const peer = await session(pathToFileURL(dir).href, async (peer, init) => {
    assert.is(init.capabilities.textDocumentSync.change, 2, "incremental sync");
    assert.ok(init.capabilities.documentFormattingProvider);
    peer.notify("textDocument/didOpen", { textDocument: { uri, languageId: "lvs-cf", version: 1, text: TEXT } });

    const opened = await peer.diagnostics(uri, 1);
    assert.equal(codes(opened), [
      ["LVS1005", 0, 0, 0, 16],
      ["LVS1003", 1, 14, 1, 23],
    ]);
    const glued = opened.params.diagnostics.find((d: { code: string }) => d.code === "LVS1005");
    assert.is(glued.severity, 1);
    assert.match(glued.codeDescription.href, /docs\/rules\/LVS1005\.md$/);

    // Type the missing blanks around `=` (two incremental changes in one notification).
    peer.notify("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, text: " " },
        { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: " " },
      ],
    });
    const edited = await peer.diagnostics(uri, 2);
    assert.equal(codes(edited), [["LVS1003", 1, 14, 1, 23]]);

    const edits = await peer.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    assert.ok(edits.length > 0, "the inline comment moves to its own line");
    for (const e of edits) assert.ok(e.range.start.line >= 1 && e.range.end.line <= 2, JSON.stringify(e));

    const actions = await peer.request("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } },
      context: { diagnostics: [] },
    });
    const quick = actions.find((a: { kind: string }) => a.kind === "quickfix");
    assert.ok(quick, JSON.stringify(actions));
    assert.match(quick.title, /LVS1003/);
    assert.equal(quick.edit.changes[uri], [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 23 } }, newText: "# seconds\nkeepalive = 6" },
    ]);
  });
  assert.not.match(peer.stderr.join(""), /\n\s+at /);
});

test("rapid changes are debounced into diagnostics of the last version", async () => {
  await session(null, async (peer) => {
    const other = pathToFileURL(join(dir, "other.cf")).href;
    peer.notify("textDocument/didOpen", { textDocument: { uri: other, languageId: "lvs-cf", version: 1, text: "" } });
    await peer.diagnostics(other, 1);
    const typed = "keepalive=6\n";
    for (let i = 0; i < typed.length; i++) {
      peer.notify("textDocument/didChange", {
        textDocument: { uri: other, version: i + 2 },
        contentChanges: [{ range: { start: { line: 0, character: i }, end: { line: 0, character: i } }, text: typed[i] }],
      });
    }
    const last = await peer.diagnostics(other, typed.length + 1);
    assert.ok(codes(last).some(([code]) => code === "LVS1005"), JSON.stringify(last.params));
  });
});

test("the nearest .lvs-lint.json above the file sets the rules; a change of it applies at once", async () => {
  const project = mkdtempSync(join(tmpdir(), "lvs-lsp-config-"));
  mkdirSync(join(project, "ha", "site"), { recursive: true });
  writeFileSync(join(project, ".lvs-lint.json"), JSON.stringify({ rules: { LVS1003: "off" } }));
  writeFileSync(join(project, "ha", ".lvs-lint.json"), JSON.stringify({ rules: { "glued-equals": "off", LVS1003: "warning" } }));
  const nested = pathToFileURL(join(project, "ha", "site", "lvs.cf")).href;
  await session(pathToFileURL(project).href, async (peer) => {
    peer.notify("textDocument/didOpen", { textDocument: { uri: nested, languageId: "lvs-cf", version: 1, text: TEXT } });
    const opened = await peer.diagnostics(nested, 1);
    assert.equal(
      opened.params.diagnostics.filter((d: { severity: number }) => d.severity <= 2).map((d: { code: string; severity: number }) => [d.code, d.severity]),
      [["LVS1003", 2]],
    );
    writeFileSync(join(project, "ha", ".lvs-lint.json"), JSON.stringify({ rules: {} }));
    peer.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(join(project, "ha", ".lvs-lint.json")).href, type: 2 }] });
    const changed = await peer.diagnostics(nested, 1);
    assert.equal(codes(changed), [
      ["LVS1005", 0, 0, 0, 16],
      ["LVS1003", 1, 14, 1, 23],
    ]);
  });
});

test("a broken request is answered with nothing and the server goes on", async () => {
  await session(null, async (peer) => {
    // A position on a document that was never opened, and one far past the end of an open one.
    assert.is(await peer.request("textDocument/hover", { textDocument: { uri: "file:///nowhere.cf" }, position: { line: 0, character: 0 } }), null);
    peer.notify("textDocument/didOpen", { textDocument: { uri, languageId: "lvs-cf", version: 1, text: "\u0000{\r\"=" } });
    await peer.diagnostics(uri, 1);
    assert.is(await peer.request("textDocument/hover", { textDocument: { uri }, position: { line: 99, character: 99 } }), null);
    assert.equal(await peer.request("textDocument/completion", { textDocument: { uri }, position: { line: -1, character: 1e9 } }), [
      ...(await peer.request("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 0 } })),
    ]);
  });
});

test("the command line: --stdio is required, --help and --version exit 0", () => {
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  const none = run([]);
  assert.is(none.status, 2);
  assert.is(none.stderr, "lvs-lsp: --stdio is required\nTry 'lvs-lsp --help'.\n");
  const other = run(["--stdio", "--socket=1"]);
  assert.is(other.status, 2);
  assert.is(other.stderr.split("\n")[0], "lvs-lsp: unexpected argument '--socket=1'");
  const help = run(["--help"]);
  assert.is(help.status, 0);
  assert.match(help.stdout, /^Usage: lvs-lsp --stdio/);
  const version = run(["--version"]);
  assert.is(version.status, 0);
  assert.match(version.stdout, /^lvs-lsp \d+\.\d+\.\d+\n$/);
});

test.run();
