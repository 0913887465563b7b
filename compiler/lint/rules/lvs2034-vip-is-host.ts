import type { ModelServer, ModelVirtual } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, fieldSpan, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";

export const vipIsHost: Rule = {
  meta: {
    id: "LVS2034",
    alias: "vip-is-host",
    severity: "error",
    description: "A virtual IP that is also the address of a real server, of the primary or backup router, or of the NAT router.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "address", "name"], server: ["active", "address", "name"] },
  },
  create(ctx) {
    /** The virtual servers lvsd runs, and their VIPs. */
    const running: ModelVirtual[] = [];
    const vips = new Set<string>();
    /** Active real servers at a VIP, by address, with the virtual each belongs to. */
    const serversAt = new Map<string, Array<[ModelServer, ModelVirtual]>>();
    /** Files `v`'s active real servers at a VIP under `serversAt`: once every VIP is known. */
    const fileServersAtVips = (v: ModelVirtual): void => {
      for (const s of v.servers) {
        if (s.active !== 1 || !vips.has(s.address)) continue;
        const list = serversAt.get(s.address);
        if (list) list.push([s, v]);
        else serversAt.set(s.address, [[s, v]]);
      }
    };
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        running.push(v);
        vips.add(v.address);
      },
      fileExit() {
        const g = ctx.model.global;
        /** The addresses of the routers, with what pulse does with each. */
        const routers: Array<[string, string]> = [];
        const router = (field: string, address: string | undefined, what: string): void => {
          if (address && address !== "0.0.0.0" && fieldSpan(g, field)) routers.push([address, what]);
        };
        router("primary", g.primary, "the primary router's own address (`primary`)");
        router("primary_private", g.primary_private, "the primary router's private address (`primary_private`)");
        router("backup", g.backup, "the backup router's own address (`backup`)");
        if (fieldSpan(g, "primary_private")) router("backup_private", g.backup_private, "the backup router's private address (`backup_private`)");
        if (g.network === "nat" && g.nat_router) router("nat_router", g.nat_router.address, "the NAT router address (`nat_router`)");
        for (const v of running) fileServersAtVips(v);

        const routerAddresses = new Set(routers.map(([a]) => a));
        for (const v of running) {
          const vip = v.address;
          if (vip === "0.0.0.0" || (!routerAddresses.has(vip) && !serversAt.has(vip))) continue;
          const clashes: string[] = routers.filter(([a]) => a === vip).map(([, what]) => what);
          const seen = new Set<string>();
          for (const [s, owner] of serversAt.get(vip) ?? []) {
            const name = owner === v ? `${label(s)} of this virtual server` : `${label(s)} of ${label(owner)}`;
            if (!seen.has(name)) clashes.push(`the address of ${name}`);
            seen.add(name);
          }
          if (clashes.length === 0) continue;
          ctx.report(
            at(
              spanFor(v, "address"),
              `The VIP ${vip} of ${label(v)} is also ${clashes.join(", and ")}: pulse brings it up on the active router and announces it there with gratuitous ARPs, so two machines (or two devices) claim one address, and it takes it down again on failover. Give the virtual server an address of its own.`,
            ),
          );
        }
      },
    };
  },
};
