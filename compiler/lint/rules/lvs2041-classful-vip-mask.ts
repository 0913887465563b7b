import { isStarted } from "../../model/lvsd.ts";
import { classfulMask, prefixLength } from "../../model/values.ts";
import type { Rule } from "../types.ts";
import { at, isSet, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";
import { networkOf } from "./support/networks.ts";

export const classfulVipMask: Rule = {
  meta: {
    id: "LVS2041",
    alias: "classful-vip-mask",
    severity: "warning",
    description: "A VIP without `vip_nmask` in a class A or B network: pulse brings it up with the classful mask (/8 or /16), far wider than the VIP's network.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "address", "device", "vip_nmask", "name"], server: [] },
  },
  create(ctx) {
    /** The VIPs already reported: one finding for each, at its first virtual server. */
    const seen = new Set<string>();
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global) || v.device === null || v.vip_nmask !== "0.0.0.0" || seen.has(v.address)) return;
        const mask = classfulMask(v.address);
        const prefix = mask === null ? null : prefixLength(mask);
        // A class C mask, /24, is what most VIP networks are anyway.
        if (mask === null || prefix === null || prefix >= 24) return;
        seen.add(v.address);
        const net = networkOf(v.address, mask)!;
        ctx.report(
          at(
            spanFor(v, "address"),
            `${label(v)} ${isSet(v, "vip_nmask") ? "sets `vip_nmask = 0.0.0.0`, which leaves the mask to ifconfig" : "sets no `vip_nmask`"}, so pulse brings ${v.address} up on ${v.device} with its classful mask ${mask} (/${prefix}): the director then takes all of ${net.text} as reachable on ${v.device.split(":")[0]}, and the keepalived export does the same. Set \`vip_nmask\` to the mask of the VIP's network, such as 255.255.255.0, or 255.255.255.255 for the address alone.`,
          ),
        );
      },
    };
  },
};
