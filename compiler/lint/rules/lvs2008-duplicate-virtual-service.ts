import type { ModelVirtual } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { isLvsdVirtual, lineOf } from "./semantic-2001_2013-util.ts";
import { at, label, openerSpan } from "./semantic-util.ts";

export const duplicateVirtualService: Rule = {
  meta: {
    id: "LVS2008",
    alias: "duplicate-virtual-service",
    severity: "error",
    description: "Two active virtual servers with the same VIP, protocol and port; lvsd can create only the first.",
    fixable: false,
  },
  create(ctx) {
    const seen = new Map<string, ModelVirtual>();
    return {
      virtual(v) {
        if (!isLvsdVirtual(v, ctx.model.global)) return;
        // A firewall-mark service is `-f MARK`, not VIP:port (see LVS2003).
        if (v.fwmark !== 0 || v.address === "0.0.0.0") return;
        const key = `${v.address}:${v.port}/${v.protocol}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, v);
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
