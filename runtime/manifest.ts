/**
 * The bundle manifest `lvs-compile` writes and `lvs-run` reads: what the bundle holds and the
 * plan the runtime carries out. Everything here is plain JSON; nothing refers back to lvs.cf
 * syntax, so the runtime depends on this file only.
 */

export { MANIFEST_SCHEMA } from "../lib/manifest-schema.ts";
/** The schemas whose plan lvs-run reads: the plan did not change with the bundle's layout. */
export const READABLE_SCHEMAS: readonly number[] = [1, 2];

export type Target = "rhel5" | "modern";
export type DrArpMethod = "arptables" | "iptables" | "sysctl";
export type { ForwardingMethod } from "../lib/ipvs.ts";
import type { ForwardingMethod } from "../lib/ipvs.ts";

export interface BundleOptions {
  readonly target: Target;
  /** How real servers behind direct routing keep from answering ARP for the VIPs. */
  readonly drArp: DrArpMethod;
  /** The passive FTP data ports marked with an FTP service's firewall mark and set in vsftpd. */
  readonly ftpPassive: { readonly min: number; readonly max: number };
}

export interface BundleFile {
  /** Relative to the bundle's root, with `/` separators. */
  readonly path: string;
  readonly sha256: string;
  /** Octal permission bits: "0755" for scripts, "0644" otherwise. */
  readonly mode: "0644" | "0755";
}

export interface BundleManifest {
  readonly schema: number;
  /**
   * The lvs.cf the bundle was compiled from, as read (before formatting): its sha256, its size
   * and its `serial_no` (absent from older bundles).
   */
  readonly source: { readonly sha256: string; readonly bytes: number; readonly serialNo?: number };
  readonly options: BundleOptions;
  /** Every file of the bundle except the manifest itself, sorted by path. */
  readonly files: readonly BundleFile[];
  readonly plan: RuntimePlan;
}

/** An address brought up on the active director: a VIP, or the NAT router's address. */
export interface FloatingAddress {
  readonly address: string;
  /** As written in lvs.cf, alias label included (`eth0:1`). */
  readonly device: string;
  /** The base device the label lives on (`eth0`). */
  readonly baseDevice: string;
  /** As written, or the classful mask ifconfig applies when lvs.cf gives none. */
  readonly netmask: string;
  /** The prefix length of `netmask` when its one bits are contiguous, else null. */
  readonly prefix: number | null;
}

/**
 * How one real server is checked. `send` and `expect` hold the bytes themselves (escapes such
 * as `\r\n` already turned into characters), as nanny sends and compares them.
 */
export type HealthCheck =
  /** Connect only (TCP), or send without reading a reply. */
  | { readonly kind: "connect"; readonly send: string | null }
  /** Send (optional), then read and compare: a prefix of `expect` bytes, `*` any byte, or an ERE. */
  | { readonly kind: "send-expect"; readonly send: string | null; readonly expect: string; readonly regex: boolean }
  /**
   * Piranha's default for a virtual port 80 with nothing configured:
   * `GET / HTTP/1.0\r\n\r\n`, expecting a reply starting `HTTP`.
   */
  | { readonly kind: "http-default"; readonly send: string; readonly expect: string }
  /**
   * An external program: argv template (split on single spaces as nanny does; the whole
   * arguments `%h` and `%p` stand for the server's address and port). Its output without
   * the last byte must equal `expect`; a non-zero exit counts as success when `expect` is set.
   */
  | { readonly kind: "program"; readonly argv: readonly string[]; readonly expect: string | null };

export interface CheckSettings {
  readonly protocol: "tcp" | "udp";
  readonly check: HealthCheck;
  /** Seconds between checks; also the connect and read timeout. */
  readonly interval: number;
  /** Seconds of consecutive successes before a failed server is taken back. */
  readonly reentry: number;
  /** Set the weight to 0 instead of removing a failed server. */
  readonly quiesce: boolean;
  /** argv template of the load command (`%h` = server address), null for none. */
  readonly loadMonitor: readonly string[] | null;
}

export interface PlanRealServer {
  /** The server block's name, null when it has none. */
  readonly name: string | null;
  readonly address: string;
  /** The port checked and, with NAT, the port traffic is sent to. */
  readonly port: number;
  /** The weight in lvs.cf; nanny starts lower and doubles up to it. */
  readonly weight: number;
  /** The weight in the IPVS table once the server has been up for a while. */
  readonly effectiveWeight: number;
  readonly active: boolean;
}

export interface ServiceMember {
  readonly virtual: string | null;
  readonly address: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
}

/** One IPVS virtual service: a `virtual` block, or every active block of one firewall mark. */
export interface PlanService {
  /** `tcp:VIP:PORT`, `udp:VIP:PORT` or `fwmark:MARK`; unique in a plan. */
  readonly key: string;
  /** The arguments naming the service for ipvsadm: `-t VIP:PORT`, `-u VIP:PORT` or `-f MARK`. */
  readonly ipvsadmService: readonly [string, string];
  /**
   * The `virtual` blocks behind it, the one that defines it first. A firewall-mark service has
   * one per port its mark groups; each names the VIP, protocol and port whose packets get the mark.
   */
  readonly members: readonly ServiceMember[];
  readonly protocol: "tcp" | "udp";
  readonly address: string;
  readonly port: number;
  readonly fwmark: number | null;
  readonly scheduler: string;
  /** Persistence timeout in seconds, null for none. */
  readonly persistence: number | null;
  /** Persistence granularity, null when it is the default (one client address). */
  readonly pmask: string | null;
  readonly method: ForwardingMethod;
  /** Added, at the virtual port, when no real server of the service is up. */
  readonly sorryServer: string | null;
  readonly check: CheckSettings;
  /** Real servers in file order; only active ones take traffic. */
  readonly servers: readonly PlanRealServer[];
}

export interface PlanDirector {
  readonly address: string;
  /** Its address on the private (heartbeat) network, null when it has none. */
  readonly privateAddress: string | null;
}

export interface PlanFailover {
  readonly primary: PlanDirector;
  /** Null when there is no backup director (`backup_active = 0` or no `backup`). */
  readonly backup: PlanDirector | null;
  /** The `backup` address lvs.cf names while `backup_active = 0` (a backup that must not run). */
  readonly inactiveBackup: string | null;
  readonly heartbeatPort: number;
  /** Seconds between heartbeats. */
  readonly keepalive: number;
  /** Seconds without a heartbeat before the partner counts as dead. */
  readonly deadtime: number;
  readonly monitorLinks: boolean;
  /** argv run on activation / deactivation (split on single spaces, no shell), null for none. */
  readonly activeCommand: readonly string[] | null;
  readonly inactiveCommand: readonly string[] | null;
  /** Whether a health checker that dies takes the whole director down (failing over). */
  readonly hardShutdown: boolean;
}

export interface RuntimePlan {
  readonly method: ForwardingMethod;
  readonly services: readonly PlanService[];
  /** The VIPs of active virtual services, one per address (the first device written wins). */
  readonly vips: readonly FloatingAddress[];
  /** NAT only: the real servers' default gateway, brought up with the VIPs. */
  readonly natRouter: FloatingAddress | null;
  readonly failover: PlanFailover;
  /** The IPVS connection synchronisation daemon, null when off. */
  readonly syncDaemon: { readonly interface: string; readonly syncId: number } | null;
  /** `ipvsadm --set TCP TCPFIN UDP` (0 keeps the kernel's value). */
  readonly timeouts: { readonly tcp: number; readonly tcpfin: number; readonly udp: number };
  /** The ipvsadm executable Piranha was told to use. */
  readonly ipvsadm: string;
}
