import type { ModelVirtual } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, openerSpan } from "./support/fields.ts";
import { label, lineOf } from "./support/messages.ts";

export const duplicateVirtualService: Rule = {
  meta: {
    id: "LVS2008",
    alias: "duplicate-virtual-service",
    severity: "error",
    description: "Two active virtual servers with the same VIP, protocol and port; lvsd can create only the first.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "fwmark", "address", "port", "protocol", "name"], server: [] },
  },
  create(ctx) {
    /** By VIP, the first virtual of each of its services (a VIP has few): no key is built per virtual. */
    const seen = new Map<string, ModelVirtual[]>();
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        // A firewall-mark service is `-f MARK`, not VIP:port (see LVS2003).
        if (v.fwmark !== 0 || v.address === "0.0.0.0") return;
        const atVip = seen.get(v.address);
        const first = atVip?.find((e) => e.port === v.port && e.protocol === v.protocol);
        if (!first) {
          if (atVip) atVip.push(v);
          else seen.set(v.address, [v]);
          return;
        }
        ctx.report(
          at(
            openerSpan(v),
            `${label(v)} is the same service as ${label(first)} (line ${lineOf(first)}), ${v.protocol} ${v.address}:${v.port}: lvsd's \`ipvsadm -A\` fails for this second one, so its settings are ignored and its servers get no health check. Merge the two blocks, or change the VIP or port.`,
          ),
        );
      },
    };
  },
};
