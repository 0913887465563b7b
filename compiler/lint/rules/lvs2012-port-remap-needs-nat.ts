import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan, isSet } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const portRemapNeedsNat: Rule = {
  meta: {
    id: "LVS2012",
    alias: "port-remap-needs-nat",
    severity: "error",
    description: "A real-server port different from the virtual port with direct routing or tunnelling, where IPVS cannot change the port.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      virtual(v) {
        const g = ctx.model.global;
        if (g.network === "nat" || !isStarted(v, g)) return;
        // A firewall-mark service has no single port: the packets keep the port the client used.
        if (v.fwmark !== 0) return;
        const method = g.network === "direct" ? "direct routing" : "tunnelling";
        for (const s of v.servers) {
          // A port inherited from an earlier `port` line is LVS2013's finding.
          // A negative port is LVS2032's finding; nanny then uses the virtual's port anyway.
          if (s.active !== 1 || s.port === v.port || s.port < 0 || !isSet(s, "port")) continue;
          ctx.report(
            at(
              fieldSpan(s, "port")!,
              `${label(s)} listens on port ${s.port} but ${label(v)} is port ${v.port}: with ${method} IPVS forwards packets unchanged, so clients reach ${s.address} on port ${v.port} while nanny checks port ${s.port}. Use port ${v.port} on the real server, or \`network = nat\` to change ports.`,
            ),
          );
        }
      },
    };
  },
};
