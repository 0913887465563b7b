/** A check over UDP: one datagram out, the first one back. */
import dgram from "node:dgram";
import net from "node:net";
import { attempt, fail, pass } from "./attempt.ts";
import { show } from "./bytes.ts";
import type { ReplyJudge } from "./reply.ts";
import { errorCode, errorText } from "./socket-errors.ts";
import type { CheckOutcome, CheckTarget } from "./types.ts";

/**
 * A connected UDP socket: send the datagram (an empty `send` sends an empty datagram, as nanny
 * does), then judge the first reply datagram. The kernel reports an ICMP port unreachable on a
 * connected socket as ECONNREFUSED. Without a judge: a reply passes at once, an ICMP error fails,
 * and silence until the deadline passes; with nothing to send there is nothing to wait for.
 */
export function udpCheck(target: CheckTarget, timeoutMs: number, send: Buffer | null, judge: ReplyJudge | null, signal?: AbortSignal): Promise<CheckOutcome> {
  return attempt(timeoutMs, signal, (a) => {
    const socket = dgram.createSocket(net.isIPv6(target.address) ? "udp6" : "udp4");
    a.cleanup(() => socket.close());
    a.onTimeout(() => (judge ? judge.timeout() : pass("no reply and no ICMP port unreachable within the interval", "no port unreachable")));
    socket.on("error", (e) => a.finish(errorCode(e) === "ECONNREFUSED" ? fail("port unreachable (ICMP)", "port unreachable") : fail(`UDP ${errorText(e)}`, "UDP error")));
    socket.on("message", (bytes: Buffer) => a.finish(judge ? (judge.feed(bytes) ?? judge.end("datagram ended")) : pass(`reply ${show(bytes)}`, "replied")));
    socket.connect(target.port, target.address, () => {
      if (send !== null) {
        socket.send(send, (err) => {
          if (err) a.finish(errorCode(err) === "ECONNREFUSED" ? fail("port unreachable (ICMP)", "port unreachable") : fail(`send failed: ${errorText(err)}`, "send failed"));
        });
      } else if (!judge) a.finish(pass("UDP with nothing to send: nothing to check", "nothing to check"));
    });
  });
}
