import {strict as assert} from "node:assert";
import {phase0} from "@hearth/types";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {BlockError, BlockErrorCode, ChainSegmentError, noopLogger} from "../../../src/chain/index.js";
import {RangeSync, type RangeSyncChain, type RangeSyncNetwork, type SyncPeerAction} from "../../../src/sync/index.js";

// Range sync with a chain that imports whole batches as chain segments (chain.processChainSegment).
const root = (b: SignedBeaconBlockAllForks): Uint8Array => phase0.BeaconBlock.hashTreeRoot(b.message as phase0.BeaconBlock);
const GENESIS = new Uint8Array(32).fill(3);

function chainOf(slots: number[], tamperSlot?: number): SignedBeaconBlockAllForks[] {
  const out: SignedBeaconBlockAllForks[] = [];
  let parent: Uint8Array = GENESIS;
  for (const slot of slots) {
    const b = phase0.SignedBeaconBlock.defaultValue();
    b.message.slot = slot;
    b.message.parentRoot = parent as typeof b.message.parentRoot;
    b.message.proposerIndex = slot === tamperSlot ? 99 : 1;
    out.push(b as unknown as SignedBeaconBlockAllForks);
    parent = root(b as unknown as SignedBeaconBlockAllForks);
  }
  return out;
}

class SegmentChain implements RangeSyncChain {
  readonly known = new Map<string, number>([[toHex(GENESIS), 0]]);
  readonly invalid = new Set<string>();
  segments: number[] = [];
  singleImports = 0;
  head = 0;
  headSlot = (): number => this.head;
  finalizedBlockSlot = (): number => 0;
  currentSlot = (): number => 1000;
  hasBlock = (rootHex: string): boolean => this.known.has(rootHex);
  blockRoot = root;
  async importBlock(): Promise<void> {
    this.singleImports++;
  }
  async importSegment(blocks: SignedBeaconBlockAllForks[]): Promise<number> {
    await Promise.resolve();
    this.segments.push(blocks.length);
    let imported = 0;
    for (const [i, b] of blocks.entries()) {
      const r = toHex(root(b));
      const fail = !this.known.has(toHex(b.message.parentRoot))
        ? new BlockError(BlockErrorCode.PARENT_UNKNOWN, {root: r})
        : this.invalid.has(r)
          ? new BlockError(BlockErrorCode.INVALID_SIGNATURE, {root: r})
          : null;
      if (fail !== null) throw new ChainSegmentError(i, b.message.slot, r, imported, fail);
      this.known.set(r, b.message.slot);
      this.head = Math.max(this.head, b.message.slot);
      imported++;
    }
    return imported;
  }
}

describe("sync / range sync with chain segments", function () {
  this.timeout(10_000);

  it("imports each batch as one segment, and on a bad block penalises its peer and gets the batch elsewhere", async () => {
    const slots = Array.from({length: 24}, (_, i) => i + 1);
    const good = chainOf(slots);
    const bad = chainOf(slots, 12);
    const chain = new SegmentChain();
    chain.invalid.add(toHex(root(bad[11])));
    const reports: {peer: string; action: SyncPeerAction}[] = [];
    const served: Record<string, SignedBeaconBlockAllForks[]> = {good, bad};
    const network: RangeSyncNetwork = {
      beaconBlocksByRange: async (peer, start, count) => {
        await new Promise((r) => setImmediate(r));
        return served[peer].filter((b) => b.message.slot >= start && b.message.slot < start + count);
      },
      reportPeer: (peer, action) => void reports.push({peer, action}),
    };
    const sync = new RangeSync({chain, network, logger: noopLogger, slotsPerBatch: 8, logIntervalMs: 0, recheckIntervalMs: 0});
    sync.start();
    const last = good[good.length - 1];
    // the bad peer first in line: it gets the batches until its bad block shows
    sync.addPeer("bad", {finalizedEpoch: 0, finalizedRoot: GENESIS, headSlot: 24, headRoot: root(bad[23])});
    sync.addPeer("good", {finalizedEpoch: 0, finalizedRoot: GENESIS, headSlot: 24, headRoot: root(last)});
    const deadline = Date.now() + 5000;
    while (chain.head < 24 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    await sync.stop();

    assert.equal(chain.head, 24);
    assert.equal(chain.known.get(toHex(root(last))), 24, "the good chain's head was imported");
    assert.equal(chain.known.has(toHex(root(bad[11]))), false, "the invalid block was not imported");
    assert.equal(chain.singleImports, 0, "no block-by-block import");
    assert.ok(chain.segments.every((n) => n <= 8), `segments ${chain.segments.join(",")}`);
    assert.ok(
      reports.some((r) => r.peer === "bad" && r.action === "LowToleranceError"),
      `reports ${JSON.stringify(reports)}`
    );
    assert.equal(
      reports.some((r) => r.peer === "good"),
      false
    );
  });
});
