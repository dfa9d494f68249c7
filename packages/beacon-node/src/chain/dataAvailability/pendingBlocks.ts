// Blocks that arrived before their blobs or columns: held (bounded, oldest out first) until the data
// completes, then handed back to the import pipeline.
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {ImportBlockOpts} from "../blocks/importBlock.js";

export interface PendingBlock {
  block: SignedBeaconBlockAllForks;
  opts: ImportBlockOpts;
  rootHex: string;
  /** The block's commitments, to judge whether the data may be complete without a re-import. */
  commitmentCount: number;
}

export class PendingBlockCache {
  private readonly byRoot = new Map<string, PendingBlock>();
  constructor(private readonly limit = 32) {}

  get size(): number {
    return this.byRoot.size;
  }

  add(entry: PendingBlock): void {
    this.byRoot.delete(entry.rootHex);
    this.byRoot.set(entry.rootHex, entry);
    while (this.byRoot.size > this.limit) this.byRoot.delete(this.byRoot.keys().next().value as string);
  }

  get(rootHex: string): PendingBlock | undefined {
    return this.byRoot.get(rootHex);
  }

  take(rootHex: string): PendingBlock | undefined {
    const entry = this.byRoot.get(rootHex);
    this.byRoot.delete(rootHex);
    return entry;
  }

  roots(): string[] {
    return [...this.byRoot.keys()];
  }

  /** Drops blocks at or before `slot` (finalized, or too old to matter). */
  pruneAtOrBelow(slot: number): void {
    for (const [root, entry] of this.byRoot) if (entry.block.message.slot <= slot) this.byRoot.delete(root);
  }
}
