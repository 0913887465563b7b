import { isContiguousMask, isShorthandAddress } from "../../model/values.ts";
import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan } from "./support/fields.ts";

/** What goes wrong with a mask that is not a run of one bits from the left, by keyword. */
const EFFECT: Record<string, string> = {
  vip_nmask: "pulse brings the VIP up with it and computes a broadcast address from it, so the VIP's network and broadcast are wrong",
  nat_nmask: "pulse brings the NAT router address up with it and computes a broadcast address from it, so the real servers' network is wrong on the director",
  pmask: "ipvsadm groups clients for persistence by it, which spreads one client network over scattered address ranges",
};

export const badNetmask: Rule = {
  meta: {
    id: "LVS2029",
    alias: "bad-netmask",
    severity: "warning",
    description: "A `vip_nmask`, `nat_nmask` or `pmask` whose one bits do not run unbroken from the left (such as `255.0.255.0`).",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    const check = (obj: Parameters<typeof fieldSpan>[0], field: string, mask: string): void => {
      if (isContiguousMask(mask)) return;
      const span = fieldSpan(obj, field);
      if (!span) return;
      // A short form (`24`, `255.255.255`) is reported by LVS1013 already, with what it reads as.
      const written = /=\s*(\S+)/.exec(ctx.source.text.slice(span.start, span.end))?.[1] ?? mask;
      if (isShorthandAddress(written.replace(/^(["'])(.*)\1$/, "$2"))) return;
      ctx.report(
        at(
          span,
          `\`${field}\` ${mask} is not a netmask (its one bits do not run unbroken from the left): ${EFFECT[field]}. Write a mask such as 255.255.255.0.`,
        ),
      );
    };
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        check(v, "vip_nmask", v.vip_nmask);
        if (v.persistent > 0) check(v, "pmask", v.pmask);
      },
      fileExit() {
        const g = ctx.model.global;
        if (g.network === "nat" && g.nat_router) check(g, "nat_nmask", g.nat_nmask);
      },
    };
  },
};
