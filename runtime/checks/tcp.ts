/** A check over TCP: connect, send, and read the reply while the judge is unsure. */
import net from "node:net";
import { attempt, fail, pass } from "./attempt.ts";
import type { ReplyJudge } from "./reply.ts";
import { connectErrorText, errorCode, errorText } from "./socket-errors.ts";
import type { CheckOutcome, CheckTarget } from "./types.ts";

const READ_BUFFER = Buffer.alloc(4096);

/**
 * Connect, send, then (with a judge) read until the judge is certain. Without a judge the check
 * passes once connected and, with `send`, once the bytes are handed to the kernel.
 */
export function tcpCheck(target: CheckTarget, timeoutMs: number, send: Buffer | null, judge: ReplyJudge | null, signal?: AbortSignal): Promise<CheckOutcome> {
  return attempt(timeoutMs, signal, (a) => {
    // Replies are read into one buffer shared by every check (a read is judged before the next
    // one): no buffer and no stream event per reply.
    const onread = {
      buffer: READ_BUFFER,
      callback: (n: number, bytes: Buffer): boolean => {
        const v = judge?.feed(bytes.subarray(0, n));
        if (v) a.finish(v);
        return true;
      },
    };
    const socket = net.connect({ host: target.address, port: target.port, onread });
    // A reset ends the connection at once, as HAProxy ends its checks': no FIN exchange, and no
    // TIME_WAIT left on the director for each of thousands of checks a second.
    a.cleanup(() => (socket.readyState === "open" ? socket.resetAndDestroy() : socket.destroy()));
    let connected = false;
    a.onTimeout(() => fail("connect timed out", "connect timed out"));
    socket.on("error", (e) => {
      if (!connected) a.finish(fail(`connect ${connectErrorText(e)}`, errorCode(e) === "ECONNREFUSED" ? "connect refused" : "connect failed"));
      else a.finish(errorCode(e) === "ECONNRESET" ? fail("connection reset", "connection reset") : fail(`${judge ? "read" : "write"} failed: ${errorText(e)}`, `${judge ? "read" : "write"} failed`));
    });
    socket.on("connect", () => {
      connected = true;
      a.onTimeout(() => (judge ? judge.timeout() : fail("write timed out", "write timed out")));
      if (send !== null && send.length > 0) {
        socket.write(send, (err) => {
          if (!err && !judge) a.finish(pass(`connected, sent ${send.length} bytes`, "connected"));
        });
      } else if (!judge) a.finish(pass("connected", "connected"));
    });
    if (judge) socket.on("end", () => a.finish(judge.end("connection closed")));
  });
}
