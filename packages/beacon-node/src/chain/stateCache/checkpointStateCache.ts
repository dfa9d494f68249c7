// States at the start of an epoch for a checkpoint (store_target_checkpoint_state): the checkpoint
// block's state advanced to the epoch's first slot. Fork choice's justified balances, attestation
// checks and the first block of each epoch read them.
import type {CachedBeaconState} from "@hearth/state-transition";
import type {Checkpoint} from "@hearth/fork-choice";

export function checkpointKey(cp: Checkpoint): string {
  return `${cp.epoch}:${cp.root}`;
}

export class CheckpointStateCache {
  private readonly states = new Map<string, {epoch: number; state: CachedBeaconState}>();
  /** The finalized checkpoint's state: every later state derives from it, so it is never evicted. */
  private pinnedKey: string | null = null;

  constructor(readonly maxStates: number) {}

  get size(): number {
    return this.states.size;
  }

  get(cp: Checkpoint): CachedBeaconState | undefined {
    return this.states.get(checkpointKey(cp))?.state;
  }

  add(cp: Checkpoint, state: CachedBeaconState): void {
    this.states.set(checkpointKey(cp), {epoch: cp.epoch, state});
    if (this.states.size > this.maxStates) this.evictOldest();
  }

  /** Keeps `cp`'s state (which must be added) out of eviction; replaces the previous pin. */
  pin(cp: Checkpoint): void {
    this.pinnedKey = checkpointKey(cp);
  }

  /** The latest cached checkpoint state of `root` with an epoch at or before `maxEpoch`. */
  getLatestForRoot(root: string, maxEpoch: number): CachedBeaconState | undefined {
    let best: {epoch: number; state: CachedBeaconState} | undefined;
    for (const [key, entry] of this.states) {
      if (!key.endsWith(`:${root}`) || entry.epoch > maxEpoch) continue;
      if (best === undefined || entry.epoch > best.epoch) best = entry;
    }
    return best?.state;
  }

  /** Drops every checkpoint state of an epoch before `epoch` (the finalized epoch). */
  pruneBelow(epoch: number): number {
    let removed = 0;
    for (const [key, entry] of this.states) {
      if (entry.epoch < epoch) {
        this.states.delete(key);
        removed++;
      }
    }
    return removed;
  }

  private evictOldest(): void {
    let oldestKey: string | null = null;
    let oldestEpoch = Infinity;
    for (const [key, entry] of this.states) {
      if (key !== this.pinnedKey && entry.epoch < oldestEpoch) {
        oldestEpoch = entry.epoch;
        oldestKey = key;
      }
    }
    if (oldestKey !== null) this.states.delete(oldestKey);
  }
}
