/** The failover state machine, driven through every transition pulse makes, on a fake clock. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { initialState, step, type MachineAction, type MachineConfig, type MachineEvent, type MachineState } from "../../runtime/failover/machine.ts";

const DEAD = 5_000;
const master: MachineConfig = { role: "master", hasPartner: true, deadtimeMs: DEAD, failback: false };
const backup: MachineConfig = { ...master, role: "backup" };

/** One node on a fake clock: feeds events and keeps what it was told to do. */
class Driver {
  state: MachineState;
  actions: MachineAction[] = [];
  clock = 0;
  constructor(readonly config: MachineConfig) {
    this.state = initialState(0, config);
  }
  feed(event: Omit<MachineEvent, "now"> & { type: MachineEvent["type"] }): MachineAction[] {
    const result = step(this.config, this.state, { ...event, now: this.clock } as MachineEvent);
    this.state = result.state;
    this.actions.push(...result.actions);
    return [...result.actions];
  }
  /** Moves the clock on and fires the dead timer when it is due, as the node's timer does. */
  advance(ms: number): MachineAction[] {
    const done: MachineAction[] = [];
    const until = this.clock + ms;
    while (this.state.deadline <= until) {
      this.clock = this.state.deadline;
      done.push(...this.feed({ type: "tick" }));
    }
    this.clock = until;
    return done;
  }
  heartbeat(state: "running" | "stopped"): MachineAction[] {
    return this.feed({ type: "heartbeat", state } as MachineEvent);
  }
}

const types = (actions: readonly MachineAction[]) => actions.map((a) => (a.type === "send-heartbeat" ? `send-${a.state}` : a.type));

function started(config: MachineConfig, forceActive = false): Driver {
  const d = new Driver(config);
  assert.equal(types(d.feed({ type: "start", forceActive } as MachineEvent)), forceActive ? ["stand-by", "activate"] : ["stand-by"]);
  return d;
}

test("start: stands by (VIPs down, inactive_cmd), then waits deadtime for a heartbeat", () => {
  const d = started(master);
  assert.not.ok(d.state.active);
  assert.equal(d.advance(DEAD - 1), []);
  assert.not.ok(d.state.active);
});

test("no heartbeat for deadtime: the inactive node activates (partner dead)", () => {
  const d = started(backup);
  assert.equal(types(d.advance(DEAD)), ["activate"]);
  assert.ok(d.state.active);
  assert.match(d.state.reason, /^partner dead: no heartbeat from the primary director for 5 s$/);
  // the timer is re-armed; further expiries do nothing to an active node
  assert.equal(d.advance(3 * DEAD), []);
  assert.ok(d.state.active);
});

test("a master without a backup activates deadtime seconds after start", () => {
  const d = started({ ...master, hasPartner: false });
  assert.equal(d.advance(DEAD - 1), []);
  assert.equal(types(d.advance(1)), ["activate"]);
  assert.is(d.state.reason, "no backup director: active after deadtime");
});

test("each accepted heartbeat resets the dead timer", () => {
  const d = started(backup);
  for (let i = 0; i < 10; i++) {
    assert.equal(d.advance(DEAD - 1), []);
    assert.equal(d.heartbeat("running"), []);
  }
  assert.not.ok(d.state.active);
  assert.equal(d.state.partner, { state: "running", at: d.clock });
  assert.equal(types(d.advance(DEAD)), ["activate"]);
});

test("RUNNING heard by an active backup: one last heartbeat, then it deactivates", () => {
  const d = started(backup);
  d.advance(DEAD);
  assert.equal(types(d.heartbeat("running")), ["send-running", "deactivate"]);
  assert.not.ok(d.state.active);
  assert.match(d.state.reason, /^partner active/);
});

test("RUNNING heard by an active master: active_cmd and the gratuitous ARPs again, still active", () => {
  const d = started(master);
  d.advance(DEAD);
  assert.equal(types(d.heartbeat("running")), ["reannounce"]);
  assert.ok(d.state.active);
});

test("RUNNING heard while inactive: nothing, so a returning master does not fail back", () => {
  const d = started(master);
  assert.equal(d.heartbeat("running"), []);
  assert.equal(d.advance(DEAD - 1), []);
  assert.not.ok(d.state.active);
});

test("--failback: a returning master hearing the active backup takes over; a backup never does", () => {
  const m = started({ ...master, failback: true });
  assert.equal(types(m.heartbeat("running")), ["activate"]);
  assert.match(m.state.reason, /^failback/);
  const b = started({ ...backup, failback: true });
  assert.equal(b.heartbeat("running"), []);
});

test("STOPPED heard while inactive: the master activates (backup inactive); a backup that heard its primary run activates too", () => {
  const m = started(master);
  assert.equal(types(m.heartbeat("stopped")), ["activate"]);
  assert.match(m.state.reason, /^backup inactive/);
  const b = started(backup);
  b.heartbeat("running");
  // the primary failed (hard shutdown) and stands by: the backup takes over at once
  assert.equal(types(b.heartbeat("stopped")), ["activate"]);
  assert.match(b.state.reason, /^primary inactive/);
  // already active: STOPPED changes nothing
  assert.equal(b.heartbeat("stopped"), []);
  assert.ok(b.state.active);
});

test("a backup that has only heard its primary stand by leaves it a deadtime to take the VIPs", () => {
  const b = started(backup);
  assert.equal(b.heartbeat("stopped"), [], "not at once: the primary is starting too");
  assert.equal(b.advance(DEAD / 2), []);
  assert.equal(b.heartbeat("stopped"), []);
  // The primary never takes them (a link of its own is down, say): the backup does, a deadtime on.
  assert.equal(types(b.advance(DEAD / 2)), ["activate"]);
  assert.match(b.state.reason, /^primary inactive: it stood by for 5 s/);
});

test("a failure while active (hard shutdown): deactivates, and stays inactive until the partner is heard running", () => {
  const d = started(master);
  d.advance(DEAD);
  assert.equal(types(d.feed({ type: "failed", detail: "ipvsadm -a failed" } as MachineEvent)), ["deactivate"]);
  assert.ok(d.state.childFailed);
  assert.equal(d.advance(3 * DEAD), [], "the dead timer does not reactivate it");
  assert.equal(d.heartbeat("stopped"), [], "a standing-by partner does not either");
  assert.equal(d.heartbeat("running"), [], "the partner running clears the failure, and stays active");
  assert.not.ok(d.state.childFailed);
  assert.equal(types(d.advance(DEAD)), ["activate"], "once the partner goes silent it takes over again");
});

test("SIGTERM: an active node deactivates; an inactive one has nothing to undo", () => {
  const d = started(master);
  d.advance(DEAD);
  assert.equal(types(d.feed({ type: "stop", detail: "SIGTERM" } as MachineEvent)), ["deactivate"]);
  assert.not.ok(d.state.active);
  const idle = started(backup);
  assert.equal(idle.feed({ type: "stop", detail: "SIGTERM" } as MachineEvent), []);
});

test("monitor_links: a lost link deactivates and blocks activation; its return allows it again, without activating at once", () => {
  const d = started(backup);
  d.advance(DEAD);
  assert.equal(types(d.feed({ type: "link", up: false, detail: "eth0 link down" } as MachineEvent)), ["deactivate"]);
  assert.match(d.state.reason, /^local link failure: eth0 link down/);
  assert.equal(d.advance(3 * DEAD), []);
  assert.equal(d.heartbeat("stopped"), []);
  assert.not.ok(d.state.active);
  assert.equal(d.feed({ type: "link", up: true, detail: "eth0 link up" } as MachineEvent), []);
  assert.not.ok(d.state.active);
  assert.not.ok(d.state.linkFailed);
  assert.equal(types(d.advance(DEAD)), ["activate"]);
});

test("monitor_links: a standby whose link comes back gives the partner a whole deadtime before declaring it dead", () => {
  const d = started(backup);
  d.heartbeat("running");
  d.feed({ type: "link", up: false, detail: "eth0 link down" } as MachineEvent);
  // Down for most of two deadtimes: the dead timer ran out once and is nearly out again.
  assert.equal(d.advance(2 * DEAD - 100), []);
  assert.equal(d.feed({ type: "link", up: true, detail: "eth0 link up" } as MachineEvent), []);
  assert.equal(d.advance(DEAD - 100), [], "no takeover before the partner had a deadtime to be heard");
  d.heartbeat("running");
  assert.equal(d.advance(DEAD - 100), []);
  assert.not.ok(d.state.active);
  assert.equal(types(d.advance(200)), ["activate"], "a partner silent for a whole deadtime after the link is back is dead");
});

test("--force-active: active at once; the backup yields when it hears it", () => {
  const m = started(master, true);
  assert.ok(m.state.active);
  const b = started(backup);
  b.advance(DEAD);
  assert.equal(types(b.heartbeat("running")), ["send-running", "deactivate"]);
});

test("simultaneous start: the master takes the VIPs, the backup never holds them", () => {
  const m = started(master);
  const b = started(backup);
  // each hears the other's STOPPED before either has sent RUNNING
  assert.equal(types(m.heartbeat("stopped")), ["activate"]);
  assert.equal(b.heartbeat("stopped"), []);
  assert.not.ok(b.state.active);
  // from the next keepalive on, the backup hears the master RUNNING and stays as it is
  for (let i = 0; i < 4; i++) {
    assert.equal(b.heartbeat("running"), []);
    assert.equal(b.advance(DEAD / 2), []);
  }
  assert.not.ok(b.state.active);
  assert.equal(m.heartbeat("stopped"), []);
  assert.ok(m.state.active);
});

test("a failed-over pair: the master returns, hears the active backup and stays passive", () => {
  const m = started(master);
  const b = started(backup);
  m.heartbeat("stopped");
  b.heartbeat("running");
  // the master is killed: the backup takes over after deadtime
  assert.equal(types(b.advance(DEAD)), ["activate"]);
  // the master restarts, and hears the backup running
  const back = started(master);
  assert.equal(back.heartbeat("running"), []);
  assert.equal(back.advance(DEAD - 1), []);
  assert.not.ok(back.state.active);
  // the backup hears the master's STOPPED: it stays active
  assert.equal(b.heartbeat("stopped"), []);
  assert.ok(b.state.active);
});

test.run();
