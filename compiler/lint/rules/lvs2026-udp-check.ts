import type { Rule } from "../types.ts";
import { isLvsVirtual } from "../../model/lvsd.ts";
import { at, fieldSpan, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const udpCheck: Rule = {
  meta: {
    id: "LVS2026",
    alias: "udp-check",
    severity: "error",
    description: "A UDP virtual server checked with `send` but no `expect` (nanny crashes on the reply), or without `send` (no reply ever comes).",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        if (!isLvsVirtual(v, ctx.model.global)) return;
        const stops = ctx.model.global.hard_shutdown === 1 ? ", and lvsd then stops all of LVS (`hard_shutdown = 1`)" : "";
        // A send_program replaces nanny's own UDP exchange.
        if (v.protocol !== "udp" || v.send_program !== null) return;
        const send = v.send !== null && v.expect === null ? fieldSpan(v, "send") : undefined;
        if (send) {
          ctx.report(
            at(
              send,
              `A UDP check in ${label(v)} with \`send\` but no \`expect\`: nanny reads the first byte of the reply and then crashes comparing it with the missing \`expect\`, so the check dies as soon as a server answers${stops}. Add \`expect\` (\`"*"\` accepts any reply).`,
            ),
          );
        } else if (v.send === null && v.expect !== null) {
          ctx.report(
            at(
              spanFor(v, "expect"),
              `A UDP check in ${label(v)} with \`expect\` but no \`send\`: nanny sends nothing, so no UDP server ever answers, every check times out and the servers are never added. Add \`send\` with a request the service answers.`,
            ),
          );
        } else if (v.send === null && v.expect === null) {
          const what =
            v.port === 80
              ? "nanny falls back to sending an HTTP request over UDP and expecting `HTTP`, which a UDP service does not answer"
              : "nanny sends nothing and waits for a reply that never comes";
          ctx.report(
            at(
              spanFor(v, "protocol"),
              `A UDP check in ${label(v)} with neither \`send\` nor \`expect\`: ${what}, so every check fails and the servers are never added. Add \`send\` and \`expect\`, or a \`send_program\`.`,
            ),
          );
        }
      },
    };
  },
};
