import { isContiguousMask } from "../../model/values.ts";
import type { Rule } from "../types.ts";
import { classfulMask } from "../../model/values.ts";
import { activeServers, networkOf, runningVirtuals } from "./semantic-2027_2039-util.ts";
import { at, ipv4, label, sameNetwork, spanFor } from "./semantic-util.ts";

export const natServerSubnet: Rule = {
  meta: {
    id: "LVS2035",
    alias: "nat-server-subnet",
    severity: "warning",
    description: "With `network = nat`, a real server outside the network of `nat_router`/`nat_nmask`, which therefore cannot use the NAT router as its gateway.",
    fixable: false,
  },
  create(ctx) {
    return {
      fileExit() {
        const g = ctx.model.global;
        if (g.network !== "nat" || !g.nat_router) return;
        const router = g.nat_router.address;
        if (ipv4(router) === null) return;
        // 0.0.0.0 leaves the mask to ifconfig (classful); a /32 alias says nothing of the network,
        // which then comes from the device's own address: assume the classful network too.
        const given = g.nat_nmask;
        if (!isContiguousMask(given)) return;
        const assumed = given === "0.0.0.0" || given === "255.255.255.255";
        const mask = assumed ? classfulMask(router)! : given;
        const net = networkOf(router, mask);
        const why = assumed ? ` (\`nat_nmask\` is ${given}, so the classful network of ${router} is assumed)` : "";
        for (const v of runningVirtuals(ctx.model)) {
          for (const s of activeServers(v)) {
            if (ipv4(s.address) === null || sameNetwork(s.address, router, mask)) continue;
            ctx.report(
              at(
                spanFor(s, "address"),
                `${label(s)} (${s.address}) is outside ${net}, the network of the NAT router ${router}${why}: with NAT its replies must return through the director, but it cannot use ${router} as its gateway. Put it on that network, or correct \`nat_router\`/\`nat_nmask\`.`,
              ),
            );
          }
        }
      },
    };
  },
};
