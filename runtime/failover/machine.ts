/**
 * When a director becomes active and when it stands by, as pulse decides it: a pure function
 * from the state and one event (heartbeat, timer, link change, failure) to the next state and
 * what to do. Times are milliseconds on any clock the caller keeps.
 */
import type { PartnerState } from "./heartbeat.ts";

export type Role = "master" | "backup";

export interface MachineConfig {
  readonly role: Role;
  /** Whether there is a partner director (`backup_active = 1` with a `backup`). */
  readonly hasPartner: boolean;
  readonly deadtimeMs: number;
  /** A returning master takes the VIPs back from an active backup. */
  readonly failback: boolean;
}

export interface MachineState {
  readonly active: boolean;
  /** When the partner counts as dead if nothing is heard before. */
  readonly deadline: number;
  /** A local link the heartbeat uses is down: no activation until it is back. */
  readonly linkFailed: boolean;
  /** This node failed while active: no activation until the partner is heard running. */
  readonly childFailed: boolean;
  readonly partner: { readonly state: PartnerState; readonly at: number } | null;
  /**
   * A backup that has only ever heard its primary stand by (both started together): when that
   * began. It leaves the primary a deadtime to take the VIPs, so that both never hold them.
   */
  readonly yieldingSince: number | null;
  /** Why the node is in its current state. */
  readonly reason: string;
  readonly since: number;
}

export type MachineEvent =
  | { readonly type: "start"; readonly now: number; readonly forceActive: boolean }
  | { readonly type: "tick"; readonly now: number }
  | { readonly type: "heartbeat"; readonly now: number; readonly state: PartnerState }
  | { readonly type: "link"; readonly now: number; readonly up: boolean; readonly detail: string }
  | { readonly type: "failed"; readonly now: number; readonly detail: string }
  | { readonly type: "stop"; readonly now: number; readonly detail: string };

export type MachineAction =
  /** Take the VIPs down and stand by (inactive_cmd, sync daemon as backup). */
  | { readonly type: "stand-by" }
  /** VIPs up, gratuitous ARPs, active_cmd, sync daemon as master, checks and the IPVS table. */
  | { readonly type: "activate" }
  /** The reverse of activate. */
  | { readonly type: "deactivate" }
  /** active_cmd again and the gratuitous ARPs again: the partner claims the VIPs too. */
  | { readonly type: "reannounce" }
  /** One heartbeat now, outside the keepalive rhythm. */
  | { readonly type: "send-heartbeat"; readonly state: PartnerState };

export interface Step {
  readonly state: MachineState;
  readonly actions: readonly MachineAction[];
}

export function initialState(now: number, config: MachineConfig): MachineState {
  return { active: false, deadline: now + config.deadtimeMs, linkFailed: false, childFailed: false, partner: null, yieldingSince: null, reason: "starting", since: now };
}

const partnerName = (config: MachineConfig): string => (config.role === "master" ? "backup" : "primary");

function become(state: MachineState, now: number, active: boolean, reason: string): MachineState {
  return { ...state, active, reason, since: now };
}

function activation(state: MachineState, now: number, reason: string): Step {
  return { state: become(state, now, true, reason), actions: [{ type: "activate" }] };
}

function deactivation(state: MachineState, now: number, reason: string, before: readonly MachineAction[] = []): Step {
  return { state: become(state, now, false, reason), actions: [...before, { type: "deactivate" }] };
}

/** Whether the node may become active now. */
const mayActivate = (s: MachineState): boolean => !s.active && !s.linkFailed && !s.childFailed;

export function step(config: MachineConfig, state: MachineState, event: MachineEvent): Step {
  const now = event.now;
  switch (event.type) {
    case "start": {
      const standing: Step = { state: { ...state, deadline: now + config.deadtimeMs, reason: "started: waiting for the partner's heartbeat", since: now }, actions: [{ type: "stand-by" }] };
      if (!event.forceActive) return standing;
      const forced = activation(standing.state, now, "forced active at start");
      return { state: forced.state, actions: [...standing.actions, ...forced.actions] };
    }
    case "tick": {
      if (state.yieldingSince !== null && now - state.yieldingSince >= config.deadtimeMs && mayActivate(state))
        return activation({ ...state, yieldingSince: null }, now, `primary inactive: it stood by for ${config.deadtimeMs / 1000} s without taking the VIPs`);
      if (now < state.deadline) return { state, actions: [] };
      const next = { ...state, deadline: now + config.deadtimeMs };
      if (!mayActivate(state)) return { state: next, actions: [] };
      const reason = config.hasPartner
        ? `partner dead: no heartbeat from the ${partnerName(config)} director for ${config.deadtimeMs / 1000} s`
        : "no backup director: active after deadtime";
      return activation(next, now, reason);
    }
    case "heartbeat": {
      const heard: MachineState = { ...state, deadline: now + config.deadtimeMs, partner: { state: event.state, at: now } };
      if (event.state === "running") {
        const cleared: MachineState = { ...heard, childFailed: false, yieldingSince: null };
        if (state.active && config.role === "backup")
          return deactivation(cleared, now, "partner active: the primary director is running", [{ type: "send-heartbeat", state: "running" }]);
        if (state.active) return { state: cleared, actions: [{ type: "reannounce" }] };
        if (config.failback && config.role === "master" && mayActivate(cleared)) return activation(cleared, now, "failback: taking the VIPs back from the backup director");
        return { state: cleared, actions: [] };
      }
      // Both started together: each hears the other stand by. The primary takes the VIPs; the
      // backup, which never heard it run, leaves it a deadtime to do so (pulse activates both).
      const startingTogether = config.role === "backup" && (state.partner === null || state.yieldingSince !== null);
      if (startingTogether && !state.active) {
        const since = state.yieldingSince ?? now;
        return { state: { ...heard, yieldingSince: since, deadline: Math.min(heard.deadline, since + config.deadtimeMs) }, actions: [] };
      }
      if (mayActivate(heard)) return activation(heard, now, `${partnerName(config)} inactive: the partner reports it stands by`);
      return { state: heard, actions: [] };
    }
    case "link": {
      if (!event.up) {
        const failed: MachineState = { ...state, linkFailed: true };
        const reason = `local link failure: ${event.detail}`;
        if (state.active) return deactivation(failed, now, reason);
        return { state: state.linkFailed ? failed : become(failed, now, false, reason), actions: [] };
      }
      if (!state.linkFailed) return { state, actions: [] };
      // Nothing could be heard while the link was down: the partner gets a whole deadtime again.
      const restored: MachineState = { ...state, linkFailed: false, deadline: now + config.deadtimeMs };
      return { state: become(restored, now, state.active, `local links restored: ${event.detail}`), actions: [] };
    }
    case "failed": {
      const failed: MachineState = { ...state, childFailed: true };
      const reason = `failed while active: ${event.detail}; waiting for the partner to run`;
      if (state.active) return deactivation(failed, now, reason);
      return { state: become(failed, now, false, reason), actions: [] };
    }
    case "stop": {
      if (state.active) return deactivation(state, now, `stopping: ${event.detail}`);
      return { state: become(state, now, false, `stopping: ${event.detail}`), actions: [] };
    }
  }
}
