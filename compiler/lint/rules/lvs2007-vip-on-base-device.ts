import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";
import { isAliasDevice } from "./support/networks.ts";

function message(what: string, address: string, device: string): string {
  return `${what} ${address} is on \`${device}\`, a device without an alias: pulse runs \`ifconfig ${device} ${address}\` when it takes over, replacing the interface's own address, and \`ifconfig ${device} down\` when it hands over, taking the router off that network. Use an alias such as ${device}:1.`;
}

export const vipOnBaseDevice: Rule = {
  meta: {
    id: "LVS2007",
    alias: "vip-on-base-device",
    severity: "error",
    description: "A VIP or the NAT router address on a device without an alias (`eth0`, not `eth0:1`); pulse re-addresses it and takes it down on failover.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "address", "device"], server: [] },
  },
  create(ctx) {
    const seen = new Set<string>();
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (v.device === null || v.address === "0.0.0.0" || isAliasDevice(v.device)) return;
        const key = `${v.address} ${v.device}`;
        if (seen.has(key)) return;
        seen.add(key);
        ctx.report(at(spanFor(v, "address"), message("VIP", v.address, v.device)));
      },
      fileExit() {
        const g = ctx.model.global;
        if (g.service !== "fos" && g.network === "nat" && g.nat_router?.device && !isAliasDevice(g.nat_router.device)) {
          ctx.report(at(spanFor(g, "nat_router"), message("The NAT router address", g.nat_router.address, g.nat_router.device)));
        }
      },
    };
  },
};
