/**
 * Regex in bounded time: `use_regex = 1` with `expect = "((a+)+$)"` against a reply of `a`s that
 * never ends used to stall the event loop for seconds per check (every check of the process
 * with it). The check now fails at its interval and the loop keeps turning; a pattern with a
 * back-reference that would backtrack for ages gives up within its step budget and fails the
 * check with why. Real TCP servers on loopback.
 */
import { createServer } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { probe } from "../../runtime/checks/probe.ts";

test("a hostile reply to ((a+)+$) fails the check at its interval, and the event loop never stalls", async () => {
  const server = createServer((socket) => {
    socket.on("error", () => {});
    // 60 bytes that almost match, then nothing more: the connection stays open.
    socket.write("a".repeat(30));
    setTimeout(() => socket.write("a".repeat(29) + "!"), 100);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.71", () => resolve()));
  const port = (server.address() as { port: number }).port;
  let last = performance.now();
  let worstGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 10);
  try {
    const started = performance.now();
    const o = await probe(
      { protocol: "tcp", check: { kind: "send-expect", send: null, expect: "((a+)+$)", regex: true }, interval: 1, reentry: 10, quiesce: false, loadMonitor: null },
      { address: "127.0.0.71", port },
    );
    const took = performance.now() - started;
    assert.not.ok(o.ok, o.detail);
    assert.match(o.detail, /read timed out: reply "a{59}!" does not match/);
    assert.ok(took < 3000, `the check took ${Math.round(took)} ms with a 1 s interval`);
    assert.ok(worstGap < 500, `the event loop stalled for ${Math.round(worstGap)} ms`);
  } finally {
    clearInterval(ticker);
    server.close();
  }
});

test("a back-reference pattern that would backtrack for ages on a reply fails that check at once, with why", async () => {
  const server = createServer((socket) => {
    socket.on("error", () => {});
    socket.end("a".repeat(60) + "!");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.72", () => resolve()));
  const port = (server.address() as { port: number }).port;
  try {
    const started = performance.now();
    const o = await probe(
      { protocol: "tcp", check: { kind: "send-expect", send: null, expect: "(a|aa)*\\1b", regex: true }, interval: 2, reentry: 10, quiesce: false, loadMonitor: null },
      { address: "127.0.0.72", port },
    );
    assert.not.ok(o.ok, o.detail);
    assert.match(o.detail, /took more than \d+ steps: given up, the check fails$/);
    assert.ok(performance.now() - started < 1500, `the check took ${Math.round(performance.now() - started)} ms`);
  } finally {
    server.close();
  }
});

test.run();
