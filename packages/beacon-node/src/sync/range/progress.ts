// Sync speed over a sliding window: slots/s of head progress, blocks/s of imports, and the ETA to
// the target at the current rate.

interface Sample {
  timeMs: number;
  headSlot: number;
  imported: number;
}

export interface SyncProgress {
  slotsPerSecond: number;
  blocksPerSecond: number;
  /** Seconds to the target at the current rate; null while the rate is unknown or zero. */
  etaSeconds: number | null;
}

export class ProgressTracker {
  private samples: Sample[] = [];
  private imported = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000
  ) {}

  /** Records the head after an import step; `importedBlocks` more blocks went through the pipeline. */
  record(headSlot: number, importedBlocks = 0): void {
    this.imported += importedBlocks;
    const timeMs = this.now();
    this.samples.push({timeMs, headSlot, imported: this.imported});
    // keep one sample older than the window, so the rate spans the whole window
    while (this.samples.length > 2 && this.samples[1].timeMs < timeMs - this.windowMs) this.samples.shift();
  }

  get totalImported(): number {
    return this.imported;
  }

  progress(targetSlot: number): SyncProgress {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (first === undefined || last === first || last.timeMs <= first.timeMs) return {slotsPerSecond: 0, blocksPerSecond: 0, etaSeconds: null};
    const seconds = (last.timeMs - first.timeMs) / 1000;
    const slotsPerSecond = (last.headSlot - first.headSlot) / seconds;
    const blocksPerSecond = (last.imported - first.imported) / seconds;
    const remaining = Math.max(0, targetSlot - last.headSlot);
    const etaSeconds = slotsPerSecond > 0 ? remaining / slotsPerSecond : null;
    return {slotsPerSecond, blocksPerSecond, etaSeconds};
  }

  reset(): void {
    this.samples = [];
  }
}

/** "1h02m", "3m05s", "42s". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "unknown";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}
