import { isLinuxDeviceName } from "../../model/values.ts";
import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";

const HOW = "at most 15 characters in all, no `/`, and one `:` at most, between the interface and the alias";

export const badDeviceName: Rule = {
  meta: {
    id: "LVS2040",
    alias: "bad-device-name",
    severity: "error",
    description: "A device for a VIP, the NAT router or the sync daemon that is not a name Linux gives an interface or alias.",
    fixable: false,
    scripts: "refuses",
    scope: "document",
    reads: { virtual: ["block", "active", "address", "device"], server: [] },
  },
  create(ctx) {
    const seen = new Set<string>();
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (v.device === null || isLinuxDeviceName(v.device) || seen.has(v.device)) return;
        seen.add(v.device);
        ctx.report(at(spanFor(v, "address"), `\`${v.device}\` is not an interface name Linux takes (${HOW}): pulse's ifconfig fails and VIP ${v.address} never comes up.`));
      },
      fileExit() {
        const g = ctx.model.global;
        if (g.service !== "fos" && g.network === "nat" && g.nat_router?.device && !isLinuxDeviceName(g.nat_router.device)) {
          ctx.report(at(spanFor(g, "nat_router"), `\`${g.nat_router.device}\` is not an interface name Linux takes (${HOW}): the NAT router address never comes up and the real servers lose their gateway.`));
        }
        if (g.syncdaemon !== 0 && !isLinuxDeviceName(g.syncd_iface) && ctx.model.global.service !== "fos") {
          ctx.report(at(spanFor(g, "syncd_iface"), `\`${g.syncd_iface}\` is not an interface name Linux takes (${HOW}): \`ipvsadm --start-daemon\` fails and connections are not synchronised.`));
        }
      },
    };
  },
};
