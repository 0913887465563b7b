import type { Rule } from "../types.ts";
import { at, isSet, spanFor } from "./support/fields.ts";

export const natRouterMissing: Rule = {
  meta: {
    id: "LVS2010",
    alias: "nat-router-missing",
    severity: "error",
    description: "`network = nat` without `nat_router`: no floating gateway for the real servers moves with the active router.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        // Only the written `network = nat`: a file without `network` (a fragment, most often) is left alone.
        if (g.service === "fos" || g.network !== "nat" || !isSet(g, "network") || g.nat_router) return;
        ctx.report(
          at(
            spanFor(g, "network"),
            "`network = nat` without `nat_router`: pulse brings up no gateway address for the real servers that moves with the active router, so after a failover (or at once, unless their gateway is this router's own address) their replies bypass the director and clients get no answer. Add `nat_router = IP DEVICE:N` with the address the real servers use as their gateway.",
          ),
        );
      },
    };
  },
};
