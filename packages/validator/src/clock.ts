// Wall-clock slots: which slot it is, and callbacks at fixed points of every slot (its start, the
// attestation and aggregation deadlines), from genesis time and SLOT_DURATION_MS.
import {GENESIS_SLOT, SLOTS_PER_EPOCH} from "@hearth/params";
import {noopLogger, type Logger} from "@hearth/api";

/** phase0 fork-choice.md, BASIS_POINTS */
export const BASIS_POINTS = 10_000;

export interface ClockOptions {
  /** Unix seconds of slot 0. */
  genesisTime: number;
  slotDurationMs: number;
  /** Milliseconds since the epoch; Date.now unless a test controls time. */
  now?: () => number;
  logger?: Logger;
}

/** Runs at a point of `slot`; `signal` aborts when the clock stops. */
export type SlotHandler = (slot: number, signal: AbortSignal) => void | Promise<void>;

interface Component {
  bps: number;
  name: string;
  handler: SlotHandler;
}

export class Clock {
  readonly genesisTime: number;
  readonly slotDurationMs: number;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly components: Component[] = [];
  private running = false;

  constructor(opts: ClockOptions) {
    if (!(opts.slotDurationMs > 0)) throw new Error(`slot duration must be positive, got ${opts.slotDurationMs}`);
    this.genesisTime = opts.genesisTime;
    this.slotDurationMs = opts.slotDurationMs;
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger ?? noopLogger;
  }

  /** The slot at unix time `ms`, GENESIS_SLOT before genesis. */
  slotAt(ms: number): number {
    return Math.max(GENESIS_SLOT, Math.floor((ms - this.genesisTime * 1000) / this.slotDurationMs));
  }
  get currentSlot(): number {
    return this.slotAt(this.now());
  }
  get currentEpoch(): number {
    return Math.floor(this.currentSlot / SLOTS_PER_EPOCH);
  }
  slotStartMs(slot: number): number {
    return this.genesisTime * 1000 + slot * this.slotDurationMs;
  }
  /** phase0 fork-choice.md, get_slot_component_duration_ms */
  slotComponentMs(bps: number): number {
    return Math.floor((bps * this.slotDurationMs) / BASIS_POINTS);
  }

  /** Calls `handler` `bps` basis points into every slot (0: the slot's start). Register before start. */
  on(bps: number, name: string, handler: SlotHandler): void {
    if (this.running) throw new Error("register clock handlers before start");
    if (!(bps >= 0 && bps < BASIS_POINTS)) throw new Error(`a slot component must be in [0, ${BASIS_POINTS}), got ${bps}`);
    this.components.push({bps, name, handler});
    // stable: components at the same point run in registration order
    this.components.sort((a, b) => a.bps - b.bps);
  }

  /**
   * Fires the handlers from the first point not yet passed until `signal` aborts. A point missed by
   * more than a slot (the process slept) is skipped, not replayed. Resolves once aborted and every
   * handler it started has settled; no timer is left behind.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error("clock already started");
    if (this.components.length === 0 || signal.aborted) return;
    this.running = true;
    const inFlight = new Set<Promise<void>>();
    const n = this.components.length;
    // the cursor: slot and component index of the next point to fire
    const startMs = this.now();
    let slot = this.slotAt(startMs);
    let index = 0;
    while (this.pointMs(slot, index) < startMs) [slot, index] = index + 1 < n ? [slot, index + 1] : [slot + 1, 0];

    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const onAbort = (): void => {
        if (timer !== null) clearTimeout(timer);
        resolve();
      };
      const tick = (): void => {
        timer = null;
        if (signal.aborted) return;
        const now = this.now();
        while (this.pointMs(slot, index) <= now) {
          if (now - this.pointMs(slot, index) < this.slotDurationMs) this.fire(this.components[index], slot, signal, inFlight);
          else this.logger.warn("Clock skipped a missed slot point", {slot, point: this.components[index].name});
          [slot, index] = index + 1 < n ? [slot, index + 1] : [slot + 1, 0];
        }
        // a handler may have stopped the clock synchronously
        if (signal.aborted) return;
        timer = setTimeout(tick, this.pointMs(slot, index) - now);
      };
      signal.addEventListener("abort", onAbort, {once: true});
      tick();
    });
    await Promise.allSettled([...inFlight]);
    this.running = false;
  }

  private pointMs(slot: number, index: number): number {
    return this.slotStartMs(slot) + this.slotComponentMs(this.components[index].bps);
  }

  private fire(component: Component, slot: number, signal: AbortSignal, inFlight: Set<Promise<void>>): void {
    const run = (async () => {
      try {
        await component.handler(slot, signal);
      } catch (e) {
        if (!signal.aborted) this.logger.error("Slot handler failed", {slot, point: component.name, error: (e as Error).message});
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }
}

/** Resolves after `ms`, or at once when `signal` aborts; clears its timer either way. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener("abort", done, {once: true});
  });
}
