/**
 * Calls due at about the same time made together: one timer for the next tick that has any, not
 * one per call. Thousands of health checks a second then start in batches, and the event loop
 * wakes once per tick instead of once per check (HAProxy's scheduler works the same way). A call
 * runs at the end of the tick its time falls in, never before its time.
 */
export class TickSchedule<T> {
  /** By tick number (the end of the tick, in ms, is tick × tickMs). */
  private readonly ticks = new Map<number, Set<T>>();
  private readonly tickOf = new Map<T, number>();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;

  constructor(
    private readonly tickMs: number,
    private readonly run: (item: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `item` runs `delayMs` from now (at the end of that tick); an earlier time for it is dropped. */
  at(item: T, delayMs: number): void {
    this.cancel(item);
    const tick = Math.ceil((this.now() + delayMs) / this.tickMs);
    let items = this.ticks.get(tick);
    if (!items) this.ticks.set(tick, (items = new Set()));
    items.add(item);
    this.tickOf.set(item, tick);
    if (tick < this.armedFor) this.arm(tick);
  }

  has(item: T): boolean {
    return this.tickOf.has(item);
  }

  cancel(item: T): void {
    const tick = this.tickOf.get(item);
    if (tick === undefined) return;
    this.tickOf.delete(item);
    const items = this.ticks.get(tick)!;
    items.delete(item);
    if (items.size === 0) this.ticks.delete(tick);
  }

  /** Drops every call and the timer. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    this.ticks.clear();
    this.tickOf.clear();
  }

  private arm(tick: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = tick;
    this.timer = setTimeout(() => this.fire(), Math.max(0, tick * this.tickMs - this.now()));
  }

  private fire(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const current = Math.floor(this.now() / this.tickMs);
    const due: T[] = [];
    let next = Infinity;
    for (const [tick, items] of this.ticks) {
      if (tick > current) {
        if (tick < next) next = tick;
        continue;
      }
      this.ticks.delete(tick);
      for (const item of items) {
        this.tickOf.delete(item);
        due.push(item);
      }
    }
    if (next < Infinity) this.arm(next);
    for (const item of due) this.run(item);
  }
}
