import { activeServers, startedVirtuals } from "../../model/lvsd.ts";
import type { ModelGlobal } from "../../model/resolve.ts";
import { classfulMask } from "../../model/values.ts";
import type { Rule } from "../types.ts";
import { at, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";
import { ipv4, networkOf } from "./support/networks.ts";

/** How many servers a message names before it says how many more. */
const NAMED = 3;

/** The addresses a director has, by role: `primary` or `backup` and its private address. */
function directors(g: ModelGlobal): Array<{ role: string; fields: string; addresses: string[] }> {
  const out: Array<{ role: string; fields: string; addresses: string[] }> = [];
  // A director the file gives no address is LVS2005's and pulse's concern, not this rule's.
  if (g.primary !== "0.0.0.0") out.push({ role: "the primary director", fields: "`primary` nor `primary_private`", addresses: [g.primary, g.primary_private] });
  if (g.backup_active !== 0 && g.backup !== "0.0.0.0") out.push({ role: "the backup director", fields: "`backup` nor `backup_private`", addresses: [g.backup, g.backup_private] });
  return out;
}

export const vipNetworkWithoutDirector: Rule = {
  meta: {
    id: "LVS2042",
    alias: "vip-network-without-director",
    severity: "warning",
    description: "A VIP whose network (by its mask as brought up) holds real servers but no address of a director: the kernel's route to them takes the VIP as source, so checks leave from the VIP.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "address", "device", "vip_nmask", "name"], server: ["active", "address", "name"] },
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        if (g.service === "fos") return;
        const started = startedVirtuals(ctx.model);
        const seen = new Set<string>();
        for (const v of started) {
          if (v.device === null || seen.has(v.address)) continue;
          seen.add(v.address);
          const mask = v.vip_nmask === "0.0.0.0" ? classfulMask(v.address) : v.vip_nmask;
          const net = mask === null ? null : networkOf(v.address, mask);
          if (!net || net.prefix >= 31) continue;
          const inside = [...new Set(started.flatMap((w) => activeServers(w).map((s) => s.address)))].filter((a) => net.holds(ipv4(a)) === true);
          if (inside.length === 0) continue;
          for (const d of directors(g)) {
            if (d.addresses.some((a) => net.holds(ipv4(a)) === true)) continue;
            const named = inside.slice(0, NAMED).join(", ") + (inside.length > NAMED ? ` and ${inside.length - NAMED} more` : "");
            const them = inside.length > 1 ? "them" : "it";
            ctx.report(
              at(
                spanFor(v, "address"),
                `${net.text}, the network of the VIP ${v.address} of ${label(v)} as pulse brings it up, holds the real server${inside.length > 1 ? "s" : ""} ${named} but neither ${d.fields}: on ${d.role} the kernel's route to ${them} goes through the VIP's network with the VIP as source address, so health checks (and the director's own traffic) to ${them} leave from the VIP. Give the director an address on that network, or give the VIP a narrower \`vip_nmask\` (255.255.255.255 for the address alone).`,
              ),
            );
          }
        }
      },
    };
  },
};
