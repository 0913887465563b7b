import { isContiguousMask } from "../../model/values.ts";
import type { ModelGlobal } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { classfulMask } from "../../model/values.ts";
import { activeServers, isStarted } from "../../model/lvsd.ts";
import { at, spanFor } from "./support/fields.ts";
import { label } from "./support/messages.ts";
import { ipv4, networkOf, sameNetwork } from "./support/networks.ts";

/** The network the NAT router address stands on, with what to say of it; null when there is none to check against. */
function natNetwork(g: ModelGlobal): { router: string; mask: string; text: string; why: string } | null {
  if (g.network !== "nat" || !g.nat_router) return null;
  const router = g.nat_router.address;
  if (ipv4(router) === null) return null;
  // 0.0.0.0 leaves the mask to ifconfig (classful); a /32 alias says nothing of the network,
  // which then comes from the device's own address: assume the classful network too.
  const given = g.nat_nmask;
  if (!isContiguousMask(given)) return null;
  const assumed = given === "0.0.0.0" || given === "255.255.255.255";
  const mask = assumed ? classfulMask(router)! : given;
  const why = assumed ? ` (\`nat_nmask\` is ${given}, so the classful network of ${router} is assumed)` : "";
  return { router, mask, text: networkOf(router, mask)!.text, why };
}

export const natServerSubnet: Rule = {
  meta: {
    id: "LVS2035",
    alias: "nat-server-subnet",
    severity: "warning",
    description: "With `network = nat`, a real server outside the network of `nat_router`/`nat_nmask`, which therefore cannot use the NAT router as its gateway.",
    fixable: false,
    scope: "segment",
  },
  create(ctx) {
    /** Found at the first virtual server, when the model is complete. */
    let nat: ReturnType<typeof natNetwork> | undefined;
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global)) return;
        if (nat === undefined) nat = natNetwork(ctx.model.global);
        if (nat === null) return;
        const { router, mask, text, why } = nat;
        for (const s of activeServers(v)) {
          if (ipv4(s.address) === null || sameNetwork(s.address, router, mask)) continue;
          ctx.report(
            at(
              spanFor(s, "address"),
              `${label(s)} (${s.address}) is outside ${text}, the network of the NAT router ${router}${why}: with NAT its replies must return through the director, but it cannot use ${router} as its gateway. Put it on that network, or correct \`nat_router\`/\`nat_nmask\`.`,
            ),
          );
        }
      },
    };
  },
};
