// Post-states of recent blocks, by block root, least recently used evicted first. The head's state
// is never evicted: it is what duties, production and the API read most.
import type {CachedBeaconState} from "@hearth/state-transition";
import type {RootHex} from "@hearth/fork-choice";

export class BlockStateCache {
  /** Map iteration order is insertion order: re-inserting on use makes the first entry the least recent. */
  private readonly states = new Map<RootHex, CachedBeaconState>();
  private headRoot: RootHex | null = null;

  constructor(readonly maxStates: number) {
    if (maxStates < 2) throw new Error(`block state cache needs room for at least 2 states, got ${maxStates}`);
  }

  get size(): number {
    return this.states.size;
  }

  get(blockRoot: RootHex): CachedBeaconState | undefined {
    const state = this.states.get(blockRoot);
    if (state !== undefined) {
      this.states.delete(blockRoot);
      this.states.set(blockRoot, state);
    }
    return state;
  }

  /** Without touching its recency: for scans and eviction checks. */
  peek(blockRoot: RootHex): CachedBeaconState | undefined {
    return this.states.get(blockRoot);
  }

  has(blockRoot: RootHex): boolean {
    return this.states.has(blockRoot);
  }

  add(blockRoot: RootHex, state: CachedBeaconState): void {
    this.states.delete(blockRoot);
    this.states.set(blockRoot, state);
    this.evict();
  }

  setHead(blockRoot: RootHex): void {
    this.headRoot = blockRoot;
  }

  /** Drops the states of blocks `keep` says no to (e.g. not descendants of the finalized block); never the head. */
  prune(keep: (blockRoot: RootHex, state: CachedBeaconState) => boolean): number {
    let removed = 0;
    for (const [root, state] of this.states) {
      if (root === this.headRoot || keep(root, state)) continue;
      this.states.delete(root);
      removed++;
    }
    return removed;
  }

  private evict(): void {
    for (const root of this.states.keys()) {
      if (this.states.size <= this.maxStates) return;
      if (root !== this.headRoot) this.states.delete(root);
    }
  }
}
