// The chain's clock: slot and epoch from genesis_time and SLOT_DURATION_MS (SECONDS_PER_SLOT's
// successor; dev may shorten it), with a callback at the start of every slot. Time comes from an
// injectable `now` so tests can drive it by hand.
import {GENESIS_SLOT} from "@hearth/params";
import {util} from "@hearth/state-transition";

export interface ClockOptions {
  genesisTime: number;
  slotDurationMs: number;
  /** Milliseconds since the Unix epoch; Date.now by default. */
  now?: () => number;
}

export type SlotListener = (slot: number) => void;

export class Clock {
  readonly genesisTime: number;
  readonly slotDurationMs: number;
  private readonly now: () => number;
  private readonly listeners: SlotListener[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The last slot announced to listeners: each slot is announced once, in order. */
  private announcedSlot: number;

  constructor(opts: ClockOptions) {
    if (!(opts.slotDurationMs > 0)) throw new Error(`slot duration must be positive, got ${opts.slotDurationMs}`);
    this.genesisTime = opts.genesisTime;
    this.slotDurationMs = opts.slotDurationMs;
    this.now = opts.now ?? Date.now;
    this.announcedSlot = this.currentSlot;
  }

  /** Seconds since the Unix epoch, fractional: the time fork choice's on_tick takes. */
  get timeSeconds(): number {
    return this.now() / 1000;
  }

  /** get_current_slot; GENESIS_SLOT before genesis. */
  get currentSlot(): number {
    const sinceGenesisMs = this.now() - this.genesisTime * 1000;
    return sinceGenesisMs < 0 ? GENESIS_SLOT : GENESIS_SLOT + Math.floor(sinceGenesisMs / this.slotDurationMs);
  }

  get currentEpoch(): number {
    return util.computeEpochAtSlot(this.currentSlot);
  }

  /** Milliseconds since the start of the current slot (negative before genesis). */
  get msIntoSlot(): number {
    const sinceGenesisMs = this.now() - this.genesisTime * 1000;
    return sinceGenesisMs < 0 ? sinceGenesisMs : sinceGenesisMs % this.slotDurationMs;
  }

  /** compute_time_at_slot, in seconds. */
  timeAtSlot(slot: number): number {
    return this.genesisTime + Math.floor(((slot - GENESIS_SLOT) * this.slotDurationMs) / 1000);
  }

  /** The slot `toleranceMs` from now: a message from a peer whose clock runs a little ahead is still current. */
  slotWithFutureTolerance(toleranceMs: number): number {
    const sinceGenesisMs = this.now() + toleranceMs - this.genesisTime * 1000;
    return sinceGenesisMs < 0 ? GENESIS_SLOT : GENESIS_SLOT + Math.floor(sinceGenesisMs / this.slotDurationMs);
  }

  onSlot(listener: SlotListener): void {
    this.listeners.push(listener);
  }

  /** Starts the timer that announces each new slot at its start. */
  start(): void {
    if (this.timer !== null) return;
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Announces every slot from the last announced one up to the current slot. The timer calls it; a
   * test that moves `now` calls it by hand. A listener that throws does not stop the others.
   */
  tick(): void {
    const slot = this.currentSlot;
    while (this.announcedSlot < slot) {
      this.announcedSlot++;
      for (const listener of this.listeners) {
        try {
          listener(this.announcedSlot);
        } catch {
          // listeners log their own failures; the clock must keep running
        }
      }
    }
  }

  private schedule(): void {
    const sinceGenesisMs = this.now() - this.genesisTime * 1000;
    const untilNext = sinceGenesisMs < 0 ? -sinceGenesisMs : this.slotDurationMs - (sinceGenesisMs % this.slotDurationMs);
    this.timer = setTimeout(() => {
      this.tick();
      this.schedule();
    }, untilNext);
    // The clock alone should not keep the process alive.
    this.timer.unref();
  }
}
