/**
 * One director of a failover pair on the wire: sends the heartbeat every `keepalive` seconds,
 * feeds what it hears, the dead timer and the link state to the state machine, and carries out
 * the machine's actions one at a time, in order.
 */
import type { PlanDirector } from "../manifest.ts";
import { readHeartbeat, type PartnerState } from "./heartbeat.ts";
import type { LinkReport } from "./links.ts";
import { initialState, step, type MachineAction, type MachineConfig, type MachineEvent, type MachineState, type Role } from "./machine.ts";
import type { HeartbeatTransport } from "./transport.ts";

/** What activation and deactivation do on this host. */
export interface Activator {
  standBy(): Promise<void>;
  activate(): Promise<void>;
  deactivate(): Promise<void>;
  reannounce(): Promise<void>;
}

export interface FailoverLog {
  (event: string, message: string, fields?: Record<string, unknown>): void;
}

export interface FailoverNodeOptions {
  readonly config: MachineConfig;
  readonly self: PlanDirector;
  readonly partner: PlanDirector | null;
  readonly keepaliveMs: number;
  readonly forceActive: boolean;
  /** Opens the heartbeat sockets; null when there is no partner to talk to. */
  readonly transport: ((onDatagram: (packet: Buffer, from: string) => void, onError: (message: string) => void) => Promise<HeartbeatTransport>) | null;
  readonly activator: Activator;
  /** The state of the links to watch (`monitor_links`), null when not watched. */
  readonly links: (() => LinkReport) | null;
  readonly linkPollMs?: number;
  readonly log: FailoverLog;
  readonly now?: () => number;
}

export interface FailoverStatus {
  readonly role: Role;
  readonly active: boolean;
  readonly reason: string;
  /** Epoch milliseconds. */
  readonly since: number;
  readonly address: string;
  readonly partner: {
    readonly address: string;
    readonly privateAddress: string | null;
    readonly lastHeartbeat: { readonly state: PartnerState; readonly at: number } | null;
  } | null;
  readonly linkFailed: boolean;
  readonly failed: boolean;
  readonly heartbeatsSent: number;
  readonly heartbeatsReceived: number;
  readonly heartbeatsIgnored: number;
}

export class FailoverNode {
  private state: MachineState;
  private transport: HeartbeatTransport | null = null;
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private deadTimer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private sent = 0;
  private received = 0;
  private ignored = 0;
  private lastIgnored = "";
  private lastSendError = "";
  private readonly now: () => number;
  private readonly partnerAddresses: string[];

  constructor(private readonly options: FailoverNodeOptions) {
    this.now = options.now ?? Date.now;
    this.state = initialState(this.now(), options.config);
    const p = options.partner;
    this.partnerAddresses = p ? [p.address, ...(p.privateAddress ? [p.privateAddress] : [])] : [];
  }

  async start(): Promise<void> {
    const o = this.options;
    if (o.transport) {
      this.transport = await o.transport(
        (packet, from) => this.onDatagram(packet, from),
        (message) => {
          if (message === this.lastSendError) return;
          this.lastSendError = message;
          o.log("heartbeat-error", message);
        },
      );
    }
    o.log("failover-start", `starting as ${o.config.role === "master" ? "the primary" : "the backup"} director (${o.self.address})`, { role: o.config.role });
    this.feed({ type: "start", now: this.now(), forceActive: o.forceActive });
    if (this.transport) this.timers.push(setInterval(() => this.sendHeartbeat(), o.keepaliveMs));
    if (o.links) {
      const links = o.links;
      const poll = () => {
        const report = links();
        if (report.up === this.state.linkFailed) this.feed({ type: "link", now: this.now(), ...report });
      };
      poll();
      this.timers.push(setInterval(poll, o.linkPollMs ?? 1000));
    }
    this.sendHeartbeat();
  }

  /** This node failed while active (a hard shutdown): stand by until the partner runs. */
  failed(detail: string): void {
    this.feed({ type: "failed", now: this.now(), detail });
  }

  /** Deactivates when active, closes the sockets and waits for every action to finish. */
  async stop(detail: string): Promise<void> {
    if (this.stopped) return this.queue;
    this.feed({ type: "stop", now: this.now(), detail });
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    if (this.deadTimer) clearTimeout(this.deadTimer);
    await this.queue;
    if (this.transport) {
      this.transport.send("stopped");
      this.transport.close();
    }
  }

  get active(): boolean {
    return this.state.active;
  }

  status(): FailoverStatus {
    const o = this.options;
    const s = this.state;
    return {
      role: o.config.role,
      active: s.active,
      reason: s.reason,
      since: s.since,
      address: o.self.address,
      partner: o.partner ? { address: o.partner.address, privateAddress: o.partner.privateAddress, lastHeartbeat: s.partner } : null,
      linkFailed: s.linkFailed,
      failed: s.childFailed,
      heartbeatsSent: this.sent,
      heartbeatsReceived: this.received,
      heartbeatsIgnored: this.ignored,
    };
  }

  private onDatagram(packet: Buffer, from: string): void {
    if (this.stopped) return;
    const verdict = readHeartbeat(packet, from, this.partnerAddresses);
    if (!verdict.accepted) {
      this.ignored++;
      if (verdict.reason !== this.lastIgnored) this.options.log("heartbeat-ignored", verdict.reason);
      this.lastIgnored = verdict.reason;
      return;
    }
    this.received++;
    this.feed({ type: "heartbeat", now: this.now(), state: verdict.state });
  }

  private sendHeartbeat(state: PartnerState = this.state.active ? "running" : "stopped"): void {
    if (!this.transport || this.stopped) return;
    this.transport.send(state);
    this.sent++;
  }

  private feed(event: MachineEvent): void {
    if (this.stopped) return;
    const before = this.state;
    const next = step(this.options.config, before, event);
    this.state = next.state;
    if (next.state.reason !== before.reason || next.state.active !== before.active)
      this.options.log(next.state.active ? "failover-active" : "failover-standby", next.state.reason, { active: next.state.active });
    for (const action of next.actions) this.perform(action);
    this.armDeadTimer();
  }

  private armDeadTimer(): void {
    if (this.deadTimer) clearTimeout(this.deadTimer);
    if (this.stopped) return;
    // The tick waits for the event loop's poll phase: when this process did not run for a while
    // (a loaded host, a paused VM), a heartbeat that came meanwhile is read before the deadline
    // is judged, instead of losing to the overdue timer.
    this.deadTimer = setTimeout(() => setImmediate(() => this.feed({ type: "tick", now: this.now() })), Math.max(0, this.state.deadline - this.now()));
  }

  private perform(action: MachineAction): void {
    if (action.type === "send-heartbeat") return this.sendHeartbeat(action.state);
    const a = this.options.activator;
    const run = { "stand-by": () => a.standBy(), activate: () => a.activate(), deactivate: () => a.deactivate(), reannounce: () => a.reannounce() }[action.type];
    this.queue = this.queue.then(run).catch((e: unknown) => this.options.log("failover-error", `${action.type}: ${e instanceof Error ? e.message : String(e)}`));
    // The partner learns the new state at once rather than a keepalive later.
    if (action.type === "activate" || action.type === "deactivate") this.sendHeartbeat();
  }
}
