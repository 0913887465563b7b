import type { ModelGlobal, ModelVirtual, SourceSpan } from "../../model/resolve.ts";
import type { Rule } from "../types.ts";
import { isStarted } from "../../model/lvsd.ts";
import { at, fieldStart, spanFor } from "./support/fields.ts";
import { label, lineOf } from "./support/messages.ts";

/** An address a device carries: a VIP, or the NAT router's. */
class Placed {
  /** Where the statement that places it starts: placements are taken in file order. */
  readonly start: number;
  constructor(
    readonly address: string,
    readonly device: string,
    /** The virtual with this VIP; null for the NAT router. */
    private readonly virtual: ModelVirtual | null,
    private readonly global: ModelGlobal,
  ) {
    this.start = (virtual ? fieldStart(virtual, "address") : fieldStart(global, "nat_router")) ?? 0;
  }
  get vip(): boolean {
    return this.virtual !== null;
  }
  get span(): SourceSpan {
    return this.virtual ? spanFor(this.virtual, "address") : spanFor(this.global, "nat_router");
  }
  /** "`virtual web` (line 12)", for a message. */
  who(): string {
    return this.virtual ? `${label(this.virtual)} (line ${lineOf(this.virtual)})` : `\`nat_router\` (line ${this.span.line})`;
  }
}

export const vipDeviceConflict: Rule = {
  meta: {
    id: "LVS2006",
    alias: "vip-device-conflict",
    severity: "error",
    description: "Two different addresses on one device label, or one VIP on two different devices.",
    fixable: false,
    scope: "document",
    reads: { virtual: ["block", "active", "address", "device", "name"], server: [] },
  },
  create(ctx) {
    const placed: Placed[] = [];
    return {
      virtual(v) {
        if (!isStarted(v, ctx.model.global) || v.device === null || v.address === "0.0.0.0") return;
        placed.push(new Placed(v.address, v.device, v, ctx.model.global));
      },
      fileExit() {
        const g = ctx.model.global;
        if (g.service !== "fos" && g.network === "nat" && g.nat_router?.device) {
          placed.push(new Placed(g.nat_router.address, g.nat_router.device, null, g));
        }
        placed.sort((a, b) => a.start - b.start);
        let aliases: ((device: string) => number) | null = null;
        const freeAlias = (device: string): number => (aliases ??= nextAliases(placed))(device);
        // Earlier placements by device (and by VIP): the first two with distinct addresses (devices).
        // The earliest one that differs from a later placement is always among those two.
        const onDevice = new Map<string, Placed[]>();
        const ofVip = new Map<string, Placed[]>();
        const remember = (map: Map<string, Placed[]>, key: string, p: Placed, distinct: (q: Placed) => boolean): void => {
          const list = map.get(key);
          if (!list) map.set(key, [p]);
          else if (list.length < 2 && list.every(distinct)) list.push(p);
        };
        /** Judges one placement against the earlier ones. */
        const judge = (p: Placed): void => {
          const sameLabel = onDevice.get(p.device)?.find((q) => q.address !== p.address);
          const sameVip = p.vip && !sameLabel ? ofVip.get(p.address)?.find((q) => q.device !== p.device) : undefined;
          remember(onDevice, p.device, p, (q) => q.address !== p.address);
          if (p.vip) remember(ofVip, p.address, p, (q) => q.device !== p.device);
          if (sameLabel) {
            ctx.report(
              at(
                p.span,
                `${p.device} already carries ${sameLabel.address} for ${sameLabel.who()}: a device label holds one address, so whichever pulse configures last replaces the other and that address is unreachable. Give each address its own alias, such as ${p.device.split(":")[0]}:${freeAlias(p.device)}.`,
              ),
            );
          } else if (sameVip) {
            ctx.report(
              at(
                p.span,
                `VIP ${p.address} is on ${sameVip.device} for ${sameVip.who()}: pulse brings each VIP up once, on the device of the first active virtual that names it, so ${p.device} is never configured. Use ${sameVip.device} here too.`,
              ),
            );
          }
        };
        for (const p of placed) judge(p);
      },
    };
  },
};

/** For a device, the smallest alias number not used on its base device by any placement. */
function nextAliases(placed: readonly Placed[]): (device: string) => number {
  const used = new Map<string, Set<string>>();
  for (const p of placed) {
    const [base, alias] = p.device.split(":");
    const set = used.get(base!) ?? new Set<string>();
    set.add(alias ?? "");
    used.set(base!, set);
  }
  const free = new Map<string, number>();
  return (device) => {
    const base = device.split(":")[0]!;
    let n = free.get(base);
    if (n === undefined) {
      n = 1;
      while (used.get(base)?.has(String(n))) n++;
      free.set(base, n);
    }
    return n;
  };
}
