/**
 * pulse's failover as one VRRP instance: the VIPs and the NAT router's address move with it,
 * active_cmd and inactive_cmd become its notify scripts, the IPVS sync daemon follows it.
 * One file serves both directors through keepalived's conditional lines (`@id`, `-i id`).
 */
import type { FloatingAddress, RuntimePlan } from "../../runtime/manifest.ts";
import { block, comment, isAddress, isAliasLabel, isInterfaceName, line, scriptWord, shown, unmapped, type Item } from "./keepalived-syntax.ts";

export const INSTANCE = "LVS";
export const PRIMARY_ID = "lvs_primary";
export const BACKUP_ID = "lvs_backup";
const PRIMARY_PRIORITY = 150;
const BACKUP_PRIORITY = 100;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** 1..255, the same for the same set of addresses whatever their order. */
export function virtualRouterId(addresses: readonly string[]): number {
  return (fnv1a([...addresses].sort().join(" ")) % 255) + 1;
}

function floatingAddress(a: FloatingAddress, what: string): Item[] {
  if (!isAddress(a.address)) return [unmapped(`${what} ${shown(a.address)} is not an IPv4 address; left out`)];
  if (!isInterfaceName(a.baseDevice)) return [unmapped(`${what} ${a.address}: ${shown(a.device)} is not an interface name; left out`)];
  const notes: Item[] = [];
  // The plan already holds ifconfig's classful mask for an address written without one.
  const prefix = a.prefix ?? 32;
  if (a.prefix === null) {
    notes.push(unmapped(`${what} ${a.address}: netmask ${shown(a.netmask)} is not contiguous; brought up as /32`));
  }
  let label = "";
  if (!a.device.includes(":")) {
    notes.push(unmapped(`${what} ${a.address} is on ${a.device} itself: pulse re-addresses the device, keepalived adds the address beside the device's own`));
  } else if (isAliasLabel(a.device)) label = ` label ${a.device}`;
  else notes.push(unmapped(`${what} ${a.address}: alias ${shown(a.device)} is not a label Linux takes; brought up without one`));
  return [...notes, line(`${a.address}/${prefix} dev ${a.baseDevice}${label}`)];
}

function virtualAddresses(plan: RuntimePlan): Item {
  const vips = plan.vips.flatMap((a) => floatingAddress(a, "VIP"));
  const router = plan.natRouter === null ? [] : [comment("nat_router: the real servers' default gateway"), ...floatingAddress(plan.natRouter, "nat_router")];
  return block("virtual_ipaddress", [...vips, ...router]);
}

function notifyScripts(plan: RuntimePlan): Item[] {
  const { activeCommand, inactiveCommand } = plan.failover;
  const script = (keyword: string, argv: readonly string[], setting: string): Item => {
    if (argv.length === 0) return unmapped(`${setting} is empty; pulse cannot run it`);
    const word = scriptWord(argv, keyword);
    return word === null ? unmapped(`${setting} does not fit on a keepalived line; left out`) : line(`${keyword} ${word}`);
  };
  const items: Item[] = [];
  if (activeCommand !== null) items.push(script("notify_master", activeCommand, "active_cmd"));
  if (inactiveCommand !== null) {
    items.push(comment("inactive_cmd: pulse runs it when it starts and whenever it deactivates"));
    for (const keyword of ["notify_backup", "notify_fault", "notify_stop"]) items.push(script(keyword, inactiveCommand, "inactive_cmd"));
  }
  return items;
}

/** Who is who: priorities and unicast addresses per director, or the lone director's. */
function directors(plan: RuntimePlan): Item[] {
  const { primary, backup } = plan.failover;
  if (backup === null) {
    return [line(`priority ${PRIMARY_PRIORITY}`), comment("no backup director: pulse sends no heartbeat, keepalived still multicasts VRRP adverts")];
  }
  const priorities = [
    comment("the primary wins when both directors start together"),
    line(`@${PRIMARY_ID} priority ${PRIMARY_PRIORITY}`),
    line(`@${BACKUP_ID} priority ${BACKUP_PRIORITY}`),
  ];
  if (!isAddress(primary.address) || !isAddress(backup.address)) {
    return [...priorities, unmapped("the directors' addresses are not IPv4 addresses; VRRP adverts are multicast")];
  }
  return [
    ...priorities,
    line(`@${PRIMARY_ID} unicast_src_ip ${primary.address}`),
    line(`@${BACKUP_ID} unicast_src_ip ${backup.address}`),
    block("unicast_peer", [line(`@^${PRIMARY_ID} ${primary.address}`), line(`@^${BACKUP_ID} ${backup.address}`)]),
  ];
}

/** VRRP's master down interval, to whole seconds: 3 adverts and a skew that shrinks as priority grows. */
const masterDownSeconds = (advert: number, priority: number): number => Math.round(3 * advert + ((256 - priority) * advert) / 256);

/** What pulse's heartbeat does that VRRP adverts do not. */
function heartbeatNotes(plan: RuntimePlan, advert: number): Item[] {
  const { primary, backup, heartbeatPort, deadtime } = plan.failover;
  const notes: Item[] = [];
  const fastest = masterDownSeconds(advert, PRIMARY_PRIORITY);
  const slowest = masterDownSeconds(advert, backup === null ? PRIMARY_PRIORITY : BACKUP_PRIORITY);
  if (deadtime < fastest - advert || deadtime > slowest + advert) {
    const seconds = fastest === slowest ? `${fastest}` : `${fastest} to ${slowest}`;
    notes.push(unmapped(`deadtime = ${deadtime}: keepalived takes over after 3 x advert_int and a skew without adverts, about ${seconds} s`));
  }
  if (backup === null) return notes;
  notes.push(
    unmapped(`heartbeat_port = ${heartbeatPort}: pulse's UDP heartbeat becomes VRRP (IP protocol 112), which firewalls between the directors must pass`),
  );
  if (primary.privateAddress !== null || backup.privateAddress !== null) {
    notes.push(
      unmapped(
        `primary_private, backup_private: pulse also sends heartbeats on the private network; VRRP runs between ${shown(primary.address)} and ${shown(backup.address)} only`,
      ),
    );
  }
  return notes;
}

function linkMonitoring(plan: RuntimePlan, device: string): Item[] {
  if (!plan.failover.monitorLinks) return [comment("monitor_links = 0: a link failure does not deactivate the director"), line("dont_track_primary")];
  const privates = plan.failover.primary.privateAddress !== null || plan.failover.backup?.privateAddress != null;
  return [
    comment(`monitor_links: the director deactivates when the link of ${device} fails`),
    ...(privates ? [unmapped(`monitor_links: pulse also watches the link of the private address's device; keepalived only ${device}'s`)] : []),
  ];
}

export function vrrpInstance(plan: RuntimePlan): Item[] {
  const floating = plan.vips.length > 0 ? plan.vips : plan.natRouter === null ? [] : [plan.natRouter];
  const device = floating[0]?.baseDevice;
  if (device === undefined) return [unmapped("no active virtual server has a VIP: nothing to fail over, no vrrp_instance")];
  if (!isInterfaceName(device)) return [unmapped(`${shown(floating[0]!.device)} is not an interface name: no vrrp_instance`)];
  const keepalive = plan.failover.keepalive;
  const advert = Math.min(255, Math.max(1, keepalive));
  return [
    block(`vrrp_instance ${INSTANCE}`, [
      comment("pulse never fails back: the active director stays active"),
      line("state BACKUP"),
      line("nopreempt"),
      line(`interface ${device}`),
      ...linkMonitoring(plan, device),
      line(`virtual_router_id ${virtualRouterId(floating.map((a) => a.address))}`),
      ...(advert === keepalive ? [] : [unmapped(`keepalive = ${keepalive}: VRRP adverts go every 1 to 255 s; ${advert}`)]),
      line(`advert_int ${advert}`),
      ...heartbeatNotes(plan, advert),
      ...directors(plan),
      ...notifyScripts(plan),
      virtualAddresses(plan),
    ]),
  ];
}

/** `lvs_sync_daemon`, in global_defs: master while the instance is, backup otherwise, as pulse runs it. */
export function syncDaemon(plan: RuntimePlan, hasInstance: boolean): Item[] {
  const sync = plan.syncDaemon;
  if (sync === null) return [];
  if (!isInterfaceName(sync.interface)) return [unmapped(`syncd_iface ${shown(sync.interface)} is not an interface name; no sync daemon`)];
  if (hasInstance) return [line(`lvs_sync_daemon ${sync.interface} ${INSTANCE} id ${sync.syncId}`)];
  return [
    unmapped("syncdaemon: without a VRRP instance keepalived runs the master and the backup sync daemon at once"),
    line(`lvs_sync_daemon ${sync.interface} id ${sync.syncId}`),
  ];
}
