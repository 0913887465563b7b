/**
 * Health checks against real TCP and UDP servers on loopback (127.0.0.x, ephemeral ports) and
 * real check programs (small sh scripts in a temporary folder): what nanny counts as up and
 * down, and the faults a check must survive within its interval — a server that accepts and
 * never answers, resets, answers late or answers garbage, a program that hangs (its whole
 * process group is killed, grandchildren included) or floods its output. After every test no
 * socket, timer or child process is left. Then nanny's weight rules and its load parsing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CheckSettings, HealthCheck } from "../../runtime/manifest.ts";
import { loadAverage, parseLoad } from "../../runtime/checks/load.ts";
import type { Verdict } from "../../runtime/checks/attempt.ts";
import { probe } from "../../runtime/checks/probe.ts";
import { compileEre } from "../../lib/posix-ere/matcher.ts";
import { judgeMaker } from "../../runtime/checks/reply.ts";
import type { CheckOutcome } from "../../runtime/checks/types.ts";
import { adjustEvery, adjustedWeight, initialWeight, loadWeight, needsLoad, readmitAfter, slowStartWeight } from "../../runtime/checks/weights.ts";

const DIR = mkdtempSync(join(tmpdir(), "lvst-checks-"));
test.after(() => rmSync(DIR, { recursive: true, force: true }));

/**
 * How late past its interval a check may end: the test shares the CPU with the other suites
 * (and a VM), yet a check that waited two intervals still fails.
 */
const SLACK_MS = 900;

const settingsFor = (check: HealthCheck, protocol: "tcp" | "udp" = "tcp", interval = 1): CheckSettings => ({
  protocol,
  check,
  interval,
  reentry: 10,
  quiesce: false,
  loadMonitor: null,
});
const sendExpect = (send: string | null, expect: string, regex = false): HealthCheck => ({ kind: "send-expect", send, expect, regex });
const connectOnly = (send: string | null = null): HealthCheck => ({ kind: "connect", send });
const program = (argv: string[], expect: string | null): HealthCheck => ({ kind: "program", argv, expect });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// No leaks: no more handles of the kinds a check opens after a test than before it. (Fewer is
// no fault: a suite run before this one in the same process may still be closing its own.)

const WATCHED = new Set(["TCPSocketWrap", "TCPServerWrap", "UDPWrap", "ProcessWrap", "PipeWrap", "Timeout"]);
const handles = (): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) if (WATCHED.has(r)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
};

/** The kinds with more handles in `after` than in `before`, and how many more. */
function leftBehind(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const more: Record<string, number> = {};
  for (const [kind, n] of after) if (n > (before.get(kind) ?? 0)) more[kind] = n - (before.get(kind) ?? 0);
  return more;
}

async function settle(): Promise<void> {
  for (let k = 0; k < 3; k++) await new Promise((resolve) => setImmediate(resolve));
}

/** A test that must leave no socket, timer or process behind. */
function clean(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    await settle();
    const before = handles();
    await body();
    await settle();
    assert.equal(leftBehind(before, handles()), {}, "a socket, timer or process was left behind");
  });
}

function passes(o: CheckOutcome, detail?: RegExp): void {
  assert.ok(o.ok, `expected a pass, got: ${o.detail}`);
  if (detail) assert.match(o.detail, detail);
}

function fails(o: CheckOutcome, detail: RegExp): void {
  assert.not.ok(o.ok, `expected a failure, got a pass: ${o.detail}`);
  assert.match(o.detail, detail);
}

/** Ended well before the 1 s deadline (ms), even on a machine the other suites keep busy. */
function fast(o: CheckOutcome, limit = 600): void {
  assert.ok(o.latencyMs < limit, `took ${o.latencyMs.toFixed(0)} ms, expected under ${limit}`);
}

/** Ended at the deadline of a 1 s interval, within the slack. */
function atDeadline(o: CheckOutcome, intervalMs = 1000, slackMs = SLACK_MS): void {
  assert.ok(o.latencyMs >= intervalMs - 5 && o.latencyMs < intervalMs + slackMs, `took ${o.latencyMs.toFixed(0)} ms, expected about ${intervalMs}`);
}

// ---------------------------------------------------------------------------------------------
// Servers

/** Servers still open: closed after each test, so that a failed one leaves none behind. */
const open = new Set<Server>();
test.after.each(async () => {
  await Promise.all([...open].map((s) => s.close()));
});

interface Server {
  readonly address: string;
  readonly port: number;
  /** Every byte each connection (TCP) or datagram (UDP) brought, in order. */
  readonly received: Buffer[];
  close(): Promise<void>;
}

async function tcpServer(address: string, onConnection: (socket: net.Socket) => void = () => {}): Promise<Server> {
  const sockets = new Set<net.Socket>();
  const received: Buffer[] = [];
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    const index = received.push(Buffer.alloc(0)) - 1;
    socket.on("data", (b) => void (received[index] = Buffer.concat([received[index]!, b])));
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => srv.listen(0, address, resolve));
  const server: Server = {
    address,
    port: (srv.address() as net.AddressInfo).port,
    received,
    close: () =>
      new Promise((resolve) => {
        open.delete(server);
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
  open.add(server);
  return server;
}

/** Acts on the socket after `ms`, unless it is gone by then. */
function later(socket: net.Socket, ms: number, act: (s: net.Socket) => void): void {
  const t = setTimeout(() => !socket.destroyed && act(socket), ms);
  socket.once("close", () => clearTimeout(t));
}

async function udpServer(address: string, onMessage: (msg: Buffer, reply: (bytes: Buffer | string) => void) => void = () => {}): Promise<Server> {
  const socket = dgram.createSocket("udp4");
  const received: Buffer[] = [];
  socket.on("message", (msg, rinfo) => {
    received.push(msg);
    onMessage(msg, (bytes) => socket.send(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes, rinfo.port, rinfo.address));
  });
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  const server: Server = {
    address,
    port: socket.address().port,
    received,
    close: () =>
      new Promise((resolve) => {
        open.delete(server);
        socket.close(() => resolve());
      }),
  };
  open.add(server);
  return server;
}

/** A port nothing listens on (TCP or UDP): bound, then closed. */
async function freePort(address: string, protocol: "tcp" | "udp"): Promise<number> {
  const s = protocol === "tcp" ? await tcpServer(address) : await udpServer(address);
  await s.close();
  return s.port;
}

// ---------------------------------------------------------------------------------------------
// TCP: connect

clean("connect: a listening server passes, a closed port is refused at once", async () => {
  const server = await tcpServer("127.0.0.1");
  const up = await probe(settingsFor(connectOnly()), server);
  passes(up, /^connected$/);
  fast(up);
  await server.close();
  const refused = await probe(settingsFor(connectOnly()), { address: "127.0.0.1", port: await freePort("127.0.0.1", "tcp") });
  fails(refused, /^connect refused$/);
  fast(refused);
});

clean("connect with send: the bytes reach the server and nothing is read", async () => {
  const server = await tcpServer("127.0.0.2");
  const o = await probe(settingsFor(connectOnly("HELO lvs\r\n")), server);
  passes(o, /sent 10 bytes/);
  fast(o);
  for (let k = 0; k < 20 && server.received[0]?.toString() !== "HELO lvs\r\n"; k++) await sleep(10);
  assert.is(server.received[0]?.toString(), "HELO lvs\r\n");
  await server.close();
});

/**
 * A TCP server in a process of its own, so that it runs while this one is blocked. `listening`
 * is the body of its listen callback (`s` is the server). Stopped with SIGKILL.
 */
async function serverInChild(host: string, options: string, listening: string): Promise<{ port: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["-e", `const s = require("node:net").createServer(${options}); s.listen({ host: "${host}", port: 0, backlog: 1 }, () => { process.stdout.write(s.address().port + "\\n"); ${listening} });`],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  const port = Number(await new Promise<string>((resolve) => child.stdout!.once("data", (d) => resolve(String(d)))));
  const stop = async (): Promise<void> => {
    child.stdout!.destroy();
    await new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGKILL");
    });
  };
  return { port, stop };
}

/** Keeps this process's event loop busy for `ms`. */
function block(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

clean("connect timed out: a server whose accept queue is full never answers the SYN", async () => {
  // A listener that never accepts (its event loop is blocked), backlog 1.
  const server = await serverInChild("127.0.0.3", "", "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20000);");
  const fillers = Array.from({ length: 4 }, () => net.connect({ host: "127.0.0.3", port: server.port }).on("error", () => {}));
  await sleep(200);
  const o = await probe(settingsFor(connectOnly()), { address: "127.0.0.3", port: server.port });
  fails(o, /^connect timed out$/);
  atDeadline(o);
  fillers.forEach((f) => f.destroy());
  await server.stop();
});

clean("deadline: a reply that came while this process was busy past the deadline still counts", async () => {
  // The reply leaves the server at about 500 ms, while this process is blocked from 300 to 1800 ms.
  const server = await serverInChild("127.0.0.3", `(c) => c.on("data", () => setTimeout(() => c.write("+PONG\\r\\n"), 500))`, "");
  // Blocked after the poll for I/O, so that the loop's next step is to run the due timers.
  const busy = setTimeout(() => setImmediate(() => block(1500)), 300);
  try {
    const o = await probe(settingsFor(sendExpect("PING\r\n", "+PONG")), { address: "127.0.0.3", port: server.port });
    passes(o, /^reply "\+PONG"$/);
    assert.ok(o.latencyMs >= 1500, `ended after ${o.latencyMs.toFixed(0)} ms, before the busy spell was over`);
  } finally {
    clearTimeout(busy);
    await server.stop();
  }
});

// ---------------------------------------------------------------------------------------------
// TCP: send, then read and compare

clean("expect: the first strlen(expect) bytes must equal it; a reply in pieces is put together", async () => {
  const server = await tcpServer("127.0.0.4", (socket) => {
    socket.write("HT");
    later(socket, 150, (s) => s.write("TP/1.0 200 OK\r\n"));
  });
  const o = await probe(settingsFor(sendExpect("GET / HTTP/1.0\r\n\r\n", "HTTP/1.0 200")), server);
  passes(o, /^reply "HTTP\/1\.0 200"$/);
  assert.ok(o.latencyMs >= 140 && o.latencyMs < 500, `${o.latencyMs}`);
  assert.is(server.received[0]?.toString(), "GET / HTTP/1.0\r\n\r\n");
  await server.close();
});

clean("expect: garbage fails as soon as it differs, and a reply cut short fails when the server closes", async () => {
  const garbage = await tcpServer("127.0.0.4", (socket) => socket.write(Buffer.from([0x16, 0x03, 0x01, 0xff, 0x00])));
  const g = await probe(settingsFor(sendExpect(null, "SSH-2.0")), garbage);
  fails(g, /^reply "\\x16\\x03\\x01\\xff\\x00" does not start with "SSH-2\.0"$/);
  fast(g);
  await garbage.close();
  const short = await tcpServer("127.0.0.4", (socket) => socket.end("SSH"));
  const s = await probe(settingsFor(sendExpect(null, "SSH-2.0")), short);
  fails(s, /^connection closed after 3 of 7 bytes/);
  fast(s);
  await short.close();
});

clean("fault: a server that accepts and never answers fails at the interval (read timed out)", async () => {
  const server = await tcpServer("127.0.0.5");
  const o = await probe(settingsFor(sendExpect("PING\r\n", "+PONG")), server);
  fails(o, /^read timed out$/);
  atDeadline(o);
  await server.close();
});

clean("fault: a reply that starts in time but ends after the interval fails at the interval", async () => {
  const server = await tcpServer("127.0.0.5", (socket) => {
    socket.write("+PO");
    later(socket, 1600, (s) => s.write("NG\r\n"));
  });
  const o = await probe(settingsFor(sendExpect("PING\r\n", "+PONG")), server);
  fails(o, /^read timed out after 3 of 5 bytes: "\+PO"$/);
  atDeadline(o);
  await server.close();
});

clean("fault: a reset (RST) fails at once, before and after part of the reply", async () => {
  const before = await tcpServer("127.0.0.6", (socket) => socket.once("data", () => socket.resetAndDestroy()));
  const b = await probe(settingsFor(sendExpect("GET / HTTP/1.0\r\n\r\n", "HTTP")), before);
  fails(b, /^connection reset$/);
  fast(b);
  await before.close();
  const after = await tcpServer("127.0.0.6", (socket) => {
    socket.write("HT");
    later(socket, 50, (s) => s.resetAndDestroy());
  });
  const a = await probe(settingsFor(sendExpect(null, "HTTP")), after);
  fails(a, /^connection reset$/);
  fast(a);
  await after.close();
});

clean('expect "*": any one byte passes; a close before any byte fails', async () => {
  const one = await tcpServer("127.0.0.7", (socket) => socket.write(Buffer.from([0])));
  passes(await probe(settingsFor(sendExpect("x", "*")), one), /^reply "\\x00"$/);
  await one.close();
  const none = await tcpServer("127.0.0.7", (socket) => socket.end());
  fails(await probe(settingsFor(sendExpect("x", "*")), none), /^connection closed before any byte$/);
  await none.close();
});

clean('expect "": anything readable passes, a close included; silence fails at the interval', async () => {
  const closes = await tcpServer("127.0.0.8", (socket) => socket.end());
  passes(await probe(settingsFor(sendExpect(null, "")), closes), /readable/);
  await closes.close();
  const silent = await tcpServer("127.0.0.8");
  const o = await probe(settingsFor(sendExpect(null, "")), silent);
  fails(o, /^read timed out$/);
  atDeadline(o);
  await silent.close();
});

clean("bytes, not UTF-16: send and expect are the UTF-8 bytes of the text; replies compare byte for byte", async () => {
  const server = await tcpServer("127.0.0.9", (socket) =>
    socket.once("data", (b) => socket.write(b.equals(Buffer.from("€?", "utf8")) ? Buffer.from([0xc3, 0xa9, 0x21]) : Buffer.from([0xe9, 0x21]))),
  );
  passes(await probe(settingsFor(sendExpect("€?", "é!")), server));
  // The same text with each character taken as one byte (latin1) would be 0xe9 0x21.
  fails(await probe(settingsFor(sendExpect("x", "é!")), server), /does not start with "\\xc3\\xa9!"/);
  await server.close();
});

clean("expect longer than 254 bytes: nanny compares the first 254", async () => {
  const reply = "A".repeat(254) + "B";
  const server = await tcpServer("127.0.0.9", (socket) => socket.write(reply));
  passes(await probe(settingsFor(sendExpect(null, "A".repeat(300))), server));
  await server.close();
});

clean("http-default: sends GET / HTTP/1.0 and expects a reply starting HTTP", async () => {
  const server = await tcpServer("127.0.0.10", (socket) => socket.once("data", () => socket.end("HTTP/1.1 200 OK\r\n\r\n")));
  const check: HealthCheck = { kind: "http-default", send: "GET / HTTP/1.0\r\n\r\n", expect: "HTTP" };
  passes(await probe(settingsFor(check), server), /^reply "HTTP"$/);
  assert.is(server.received[0]?.toString(), "GET / HTTP/1.0\r\n\r\n");
  await server.close();
});

// ---------------------------------------------------------------------------------------------
// TCP: regular expressions

clean("regex: searched in the reply (up to 254 bytes, up to a NUL); no match fails once the reply ends", async () => {
  const replies = ["HTTP/1.1 301 Moved\r\n", "Server: x\r\nHTTP/1.0 200 OK", "HTTP/1.0 200\0 OK", "220 mail ESMTP"];
  let n = 0;
  const server = await tcpServer("127.0.0.11", (socket) => socket.end(replies[n++ % replies.length]!));
  const regex = (expect: string): CheckSettings => settingsFor(sendExpect(null, expect, true));
  passes(await probe(regex("^HTTP/1\\.[01] (200|301)"), server), /matches/);
  fails(await probe(regex("^HTTP/1\\.[01] 200"), server), /does not match "\^HTTP/);
  fails(await probe(regex("200 OK"), server), /does not match/); // regexec stops at the NUL
  passes(await probe(regex("^[[:digit:]]{3} [[:alpha:]]+ E?SMTP$"), server));
  await server.close();
});

clean("regex: a pattern glibc rejects fails every check with glibc's reason, without connecting", async () => {
  const server = await tcpServer("127.0.0.11");
  const o = await probe(settingsFor(sendExpect(null, "^HTTP/1\\.[01] (200", true)), server);
  fails(o, /is not a regular expression glibc compiles: Unmatched \( or \\\(/);
  assert.is(server.received.length, 0);
  await server.close();
});

clean("regex: a pattern that backtracks without end on a hostile reply still ends in time", async () => {
  const server = await tcpServer("127.0.0.11", (socket) => socket.write("a".repeat(60)));
  const o = await probe(settingsFor(sendExpect(null, "(a+)+b", true)), server);
  fails(o, /read timed out/);
  atDeadline(o);
  await server.close();
});

/** Cases checked against glibc's regcomp(REG_EXTENDED) and regexec in the C locale. */
const GLIBC_CASES: ReadonlyArray<readonly [pattern: string, subject: string, matches: boolean | string]> = [
  ["^HTTP/1\\.[01] 200", "HTTP/1.0 200 OK", true],
  ["^HTTP/1\\.[01] 200", "HTTP/1x0 200 OK", false],
  ["[[:digit:]]{3}", "ab12c", false],
  ["[]a]+$", "x]a]", true],
  ["[^]a]", "]a]", false],
  ["[a-]", "-", true],
  ["a{,2}b", "aab", true],
  ["a+?b", "b", true],
  ["a**", "", true],
  ["(a|b)\\1", "ab", false],
  ["(a|b)\\1", "abb", true],
  ["\\<ab\\>", "x ab.", true],
  ["\\<ab\\>", "xab", false],
  ["\\w\\W\\s\\S", "a. x", true],
  ["\\.", "a.b", true],
  ["\\d", "d", true],
  [".", "\n", true],
  ["[^a]", "\n", true],
  ["^b", "a\nb", false],
  ["a$", "a\nb", false],
  ["a\n^b", "a\nb", true],
  ["a$\nb", "a\nb", true],
  ["(a\n)^b", "a\nb", true],
  ["(^|x)b", "a\nb", false],
  ["a$^\nb", "a\n\nb", false],
  ["a\n$^\nb", "a\n\nb", true],
  ["$^.", "\n", true],
  ["a\\b$\n", "a\n", true],
  ["é", "café", true],
  ["", "anything", true],
  ["a||b", "c", true],
  [")", ")", true],
  ["}", "}", true],
  ["*a", "", "Invalid preceding regular expression"],
  ["^*", "", "Invalid preceding regular expression"],
  ["a|*b", "", "Invalid preceding regular expression"],
  ["(", "", "Unmatched ( or \\("],
  ["[a", "", "Unmatched [, [^, [:, [., or [="],
  ["[", "", "Invalid regular expression"],
  ["a{1", "", "Unmatched \\{"],
  ["a{}", "", "Invalid content of \\{\\}"],
  ["a{2,1}", "", "Invalid content of \\{\\}"],
  ["a{1,2,3}", "", "Invalid content of \\{\\}"],
  ["a{32768}", "", "Regular expression too big"],
  ["[z-a]", "", "Invalid range end"],
  ["[a-c-e]", "", "Invalid range end"],
  ["[[:alpha:]-z]", "", "Invalid range end"],
  ["[[:digits:]]", "", "Invalid character class name"],
  ["[[.ab.]]", "", "Invalid collation character"],
  ["\\1(a)", "", "Invalid back reference"],
  ["(a)|\\1", "", "Invalid back reference"],
  ["a\\", "", "Trailing backslash"],
];

test("regex: POSIX ERE as glibc reads it (C locale), errors included", () => {
  for (const [pattern, subject, expected] of GLIBC_CASES) {
    const compiled = compileEre(pattern);
    if (typeof expected === "string") {
      assert.not.ok(compiled.ok, `${JSON.stringify(pattern)} compiles`);
      if (!compiled.ok) assert.ok(compiled.error.startsWith(expected), `${JSON.stringify(pattern)}: ${compiled.error}`);
      continue;
    }
    assert.ok(compiled.ok, `${JSON.stringify(pattern)} does not compile`);
    if (compiled.ok) assert.is(compiled.matches(Buffer.from(subject, "utf8")), expected, `${JSON.stringify(pattern)} on ${JSON.stringify(subject)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// UDP

clean("UDP: the reply datagram is compared; a short or wrong one fails", async () => {
  const server = await udpServer("127.0.0.12", (msg, reply) => reply(msg.toString() === "PING" ? "PONG 1" : msg.toString() === "EMPTY" ? "" : "NO"));
  passes(await probe(settingsFor(sendExpect("PING", "PONG"), "udp"), server), /^reply "PONG"$/);
  fails(await probe(settingsFor(sendExpect("PONG", "PONG"), "udp"), server), /^reply "NO" does not start with "PONG"$/);
  fails(await probe(settingsFor(sendExpect("EMPTY", "*"), "udp"), server), /^datagram ended before any byte$/);
  passes(await probe(settingsFor(sendExpect("EMPTY", ""), "udp"), server));
  passes(await probe(settingsFor(sendExpect("PING", "^PONG [0-9]$", true), "udp"), server));
  await server.close();
});

clean("UDP: a closed port fails at once (ICMP port unreachable); a silent server at the interval", async () => {
  const closed = { address: "127.0.0.12", port: await freePort("127.0.0.12", "udp") };
  const refused = await probe(settingsFor(sendExpect("PING", "PONG"), "udp"), closed);
  fails(refused, /^port unreachable \(ICMP\)$/);
  fast(refused);
  const silent = await udpServer("127.0.0.12");
  const o = await probe(settingsFor(sendExpect("PING", "PONG"), "udp"), silent);
  fails(o, /^read timed out$/);
  atDeadline(o);
  await silent.close();
});

clean("UDP without expect: a reply passes at once, silence at the interval, a closed port fails, nothing to send passes", async () => {
  const answers = await udpServer("127.0.0.13", (_, reply) => reply("x"));
  const a = await probe(settingsFor(connectOnly("status"), "udp"), answers);
  passes(a, /^reply "x"$/);
  fast(a);
  await answers.close();
  const silent = await udpServer("127.0.0.13");
  const s = await probe(settingsFor(connectOnly("status"), "udp"), silent);
  passes(s, /no ICMP port unreachable/);
  atDeadline(s);
  assert.is(silent.received[0]?.toString(), "status");
  await silent.close();
  const closed = await probe(settingsFor(connectOnly(""), "udp"), { address: "127.0.0.13", port: await freePort("127.0.0.13", "udp") });
  fails(closed, /^port unreachable \(ICMP\)$/); // an empty send is an empty datagram, as nanny sends it
  fast(closed);
  passes(await probe(settingsFor(connectOnly(null), "udp"), { address: "127.0.0.13", port: 9 }), /nothing to send/);
});

// ---------------------------------------------------------------------------------------------
// Check programs

function script(name: string, body: string): string {
  const path = join(DIR, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Gone, or a zombie waiting for whoever adopted it. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let k = 0; k < 50 && !isGone(pid); k++) await sleep(20);
  return isGone(pid);
}

const target = { address: "127.0.0.14", port: 8080 };

clean("program: %h and %p whole words replaced (x%h kept); passes when the output minus its last byte is expect", async () => {
  const echo = script("echo-args.sh", 'printf "%s|%s|%s\\n" "$1" "$2" "$3"');
  const o = await probe(settingsFor(program([echo, "%h", "x%h", "%p"], "127.0.0.14|x%h|8080")), target);
  passes(o, /printed "127\.0\.0\.14\|x%h\|8080"$/);
  fast(o, 1000);
  // No newline at the end: nanny still drops the last byte.
  const bare = script("bare.sh", "printf OK");
  fails(await probe(settingsFor(program([bare], "OK")), target), /printed "O", not "OK"$/);
  passes(await probe(settingsFor(program([bare], "O")), target));
});

clean("program: a failed run fails even with expect set (nanny passes it); no expect always fails", async () => {
  const exit3 = script("exit3.sh", "echo OK; exit 3");
  fails(await probe(settingsFor(program([exit3], "OK")), target), /exited with status 3$/);
  const killed = script("killed.sh", "echo OK; kill -9 $$");
  fails(await probe(settingsFor(program([killed], "OK")), target), /was killed by SIGKILL$/);
  fails(await probe(settingsFor(program([join(DIR, "no-such-program")], "OK")), target), /^cannot run ".*no-such-program": ENOENT$/);
  fails(await probe(settingsFor(program([], "OK")), target), /empty command/);
  const ok = script("ok.sh", "echo OK");
  fails(await probe(settingsFor(program([ok], null)), target), /no expect to compare/);
  // PATH search, as execvp: `true` prints nothing, so only expect "" matches.
  passes(await probe(settingsFor(program(["true"], "")), target));
});

clean("fault: a program that hangs is killed with its whole process group at the interval", async () => {
  const pids = join(DIR, "hang.pids");
  const hang = script("hang.sh", `sleep 30 &\necho "$$ $!" > "$1"\nsleep 30\necho OK`);
  const o = await probe(settingsFor(program([hang, pids], "OK")), target);
  fails(o, /timed out after 1 s and was killed$/);
  atDeadline(o);
  const [shell, grandchild] = readFileSync(pids, "utf8").trim().split(" ").map(Number);
  assert.ok(await gone(shell!), `the program ${shell} still runs`);
  assert.ok(await gone(grandchild!), `its child ${grandchild} still runs`);
});

clean("fault: a program that floods its output is killed with its group once it printed 4095 bytes, and judged on them", async () => {
  const o = await probe(settingsFor(program(["yes"], "y")), target);
  fails(o, /printed "y\\ny\\n.*", not "y"$/);
  fast(o, 1000);
  // The 4095 bytes minus the last one are what is compared, as nanny does.
  const flood = await probe(settingsFor(program(["yes"], "y\n".repeat(2048).slice(0, 4094))), target);
  passes(flood);
  fast(flood, 1000);
  // 3 MB then exit: judged on the first 4095 bytes likewise.
  const burst = script("burst.sh", "yes | head -c 3000000; exit 0");
  const b = await probe(settingsFor(program([burst], "y\n".repeat(2048).slice(0, 4094))), target);
  passes(b);
  fast(b, 1000);
});

clean("program: what it leaves running after it exits is killed too", async () => {
  const pids = join(DIR, "leave.pids");
  const leave = script("leave.sh", `sleep 30 >/dev/null &\necho "$!" > "$1"\necho OK`);
  passes(await probe(settingsFor(program([leave, pids], "OK")), target));
  const left = Number(readFileSync(pids, "utf8").trim());
  assert.ok(await gone(left), `${left} still runs`);
});

clean("abort: a running program is killed and a waiting socket closed at once", async () => {
  const hang = script("hang2.sh", "sleep 30");
  const controller = new AbortController();
  const pending = probe(settingsFor(program([hang], "OK"), "tcp", 5), target, { signal: controller.signal });
  const server = await tcpServer("127.0.0.15");
  const controller2 = new AbortController();
  const pending2 = probe(settingsFor(sendExpect(null, "x"), "tcp", 5), server, { signal: controller2.signal });
  await sleep(100);
  controller.abort();
  controller2.abort();
  const [a, b] = await Promise.all([pending, pending2]);
  fails(a, /^aborted$/);
  fails(b, /^aborted$/);
  fast(a, 700);
  fast(b);
  await server.close();
});

// ---------------------------------------------------------------------------------------------
// Load average

test("parseLoad: nanny's reading of uptime and rup; ruptime has no colon and is rejected", () => {
  assert.is(parseLoad(" 10:17:01 up 3 days,  2:04,  2 users,  load average: 0.20, 0.18, 0.11"), 0.2);
  assert.is(parseLoad("host   up  3 days,  2:04,  load average: 1.50, 0.18, 0.11"), 1.5);
  assert.is(parseLoad("host   up 3+02:04,     2 users,  load 0.07, 0.10, 0.11"), null);
  assert.is(parseLoad("load average: 0.20"), null); // nothing after the number
  assert.is(parseLoad("load average:0.25, 1"), 0.25); // two characters skipped, whatever they are: ".25"
  assert.is(parseLoad("load average: 1.2.3, 1"), 1.2);
  assert.is(parseLoad("load average: , 1"), null);
  assert.is(parseLoad("no load here"), null);
});

clean("loadAverage: runs the command with %h, null when it fails, prints garbage or hangs", async () => {
  const uptime = script("uptime.sh", 'test "$1" = 127.0.0.14 && echo " 10:17:01 up 3 days,  load average: 0.42, 0.18, 0.11"');
  assert.is(await loadAverage([uptime, "%h", "uptime"], target, 1000), 0.42);
  assert.is(await loadAverage([uptime, "10.0.0.1"], target, 1000), null);
  const ruptime = script("ruptime.sh", 'echo "host  up 3+02:04,  2 users,  load 0.07, 0.10, 0.11"');
  assert.is(await loadAverage([ruptime, "%h"], target, 1000), null);
  const pids = join(DIR, "load.pids");
  const hang = script("load-hang.sh", `sleep 30 &\necho "$!" > "$1"\nwait`);
  const started = performance.now();
  assert.is(await loadAverage([hang, pids], target, 1000), null);
  assert.ok(performance.now() - started < 1000 + SLACK_MS);
  assert.ok(await gone(Number(readFileSync(pids, "utf8").trim())));
});

// ---------------------------------------------------------------------------------------------
// Properties: the prefix comparison, and the weights

/** nanny: read strlen(expect) bytes (at most 254) at once and strncmp them with expect. */
function nannyPrefix(expect: Buffer, reply: Buffer): boolean {
  const n = Math.min(expect.length, 254);
  return reply.length >= n && reply.subarray(0, n).equals(expect.subarray(0, n));
}

/** Feed a reply in pieces to a judge, then end it: its verdict. */
function judged(expect: string, pieces: Buffer[]): Verdict {
  const make = judgeMaker({ kind: "send-expect", send: null, expect, regex: false });
  if (typeof make !== "function") throw new Error(make.error);
  const judge = make();
  for (const p of pieces) {
    const v = judge.feed(p);
    if (v) return v;
  }
  return judge.end("connection closed");
}

test("property: the prefix comparison is nanny's, whatever the bytes and however they arrive", () => {
  const noNul = fc.string({ unit: "binary", minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\0") && s !== "*");
  const bytes = fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a));
  const reply = (expect: string): fc.Arbitrary<Buffer> => {
    const exact = Buffer.from(expect, "utf8");
    return fc.oneof(
      bytes,
      bytes.map((tail) => Buffer.concat([exact, tail])),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
        const mutated = Buffer.from(exact);
        const i = at % mutated.length;
        mutated[i] = mutated[i]! ^ x;
        return mutated;
      }),
      fc.nat().map((cut) => exact.subarray(0, cut % (exact.length + 1))),
    );
  };
  fc.assert(
    fc.property(
      noNul.chain((expect) => fc.tuple(fc.constant(expect), reply(expect), fc.array(fc.nat({ max: 30 }), { maxLength: 6 }))),
      ([expect, bytesIn, cuts]) => {
        const points = [...new Set(cuts.map((c) => c % (bytesIn.length + 1)))].sort((a, b) => a - b);
        const pieces: Buffer[] = [];
        let from = 0;
        for (const p of [...points, bytesIn.length]) {
          pieces.push(bytesIn.subarray(from, p));
          from = p;
        }
        assert.is(judged(expect, pieces).ok, nannyPrefix(Buffer.from(expect, "utf8"), bytesIn));
      },
    ),
    { numRuns: 2000 },
  );
});

test("weights: nanny's verified sequences", () => {
  assert.is(initialWeight(1), 1);
  assert.is(initialWeight(0), 1);
  assert.is(initialWeight(100), 3);
  // Slow start 1 → 2 → 4, then the load (0.2) takes weight 4 to 5, 6.
  let w = initialWeight(4);
  const seen = [w];
  for (let k = 0; k < 4; k++) seen.push((w = adjustedWeight(w, 4, 0.2)));
  assert.equal(seen, [1, 2, 4, 5, 6]);
  assert.ok(needsLoad(4, 4) && !needsLoad(2, 4));
  assert.is(loadWeight(8, 8, 0.875), 10); // 8 + 4·∛0.125
  assert.is(loadWeight(8, 8, 0.9), 8); // 8 + 4·∛0.1 = 9.86 → 9, a move under weight/4: kept at 8
  assert.is(loadWeight(40, 4, 0), 40); // capped at 10× weight
  assert.is(loadWeight(4, 4, 1), 4);
  assert.is(loadWeight(4, 4, null), 4);
  assert.is(loadWeight(12, 4, 9), 8);
  assert.is(adjustEvery(1), 20);
  assert.is(adjustEvery(6), 3);
  assert.is(adjustEvery(15), 1);
  assert.is(adjustEvery(30), 1);
  assert.is(adjustEvery(0), 1);
  assert.is(readmitAfter(180, 6), 30);
  assert.is(readmitAfter(10, 15), 0);
  assert.is(readmitAfter(180, 0), 1);
});

test("property: weights stay within nanny's bounds", () => {
  const weight = fc.integer({ min: 0, max: 1000 });
  fc.assert(
    fc.property(weight, (w) => {
      const first = initialWeight(w);
      assert.is(first, Math.max(1, Math.floor(w / 32)));
      // Slow start: doubles, never past the weight, reaches it in log2 steps.
      let last = first;
      let steps = 0;
      while (last < w) {
        const next = slowStartWeight(last, w);
        assert.ok(next === Math.min(2 * last, w));
        last = next;
        steps++;
      }
      assert.ok(steps <= 11);
    }),
  );
  fc.assert(
    fc.property(weight, fc.integer({ min: 0, max: 20000 }), fc.oneof(fc.constant(null), fc.double({ min: -1, max: 50, noNaN: true })), (w, last, load) => {
      const next = loadWeight(last, w, load);
      assert.ok(Number.isInteger(next));
      // nanny's load is a C float: -5e-324 is -0, which counts as 0.
      if (load === null || Math.fround(load) < 0 || Math.fround(load) === 1) return assert.is(next, last);
      if (next !== last) assert.ok(Math.abs(next - last) >= w / 4);
      if (Math.fround(load) < 1) assert.ok(next === last || next === 10 * w || (next > last && next <= 10 * w), `${last} → ${next}`);
      else assert.ok(next === last || next === w || (next < last && next >= w), `${last} → ${next}`);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3600 }), fc.integer({ min: 1, max: 120 }), (reentry, interval) => {
      const n = readmitAfter(reentry, interval);
      assert.ok(n * interval <= reentry && (n + 1) * interval > reentry);
      const every = adjustEvery(interval);
      assert.ok(every >= 1 && (interval > 20 || every * interval <= 20));
    }),
  );
});

test.run();
