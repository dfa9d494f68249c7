// UnknownParentFetcher on real chains: a gossip block three blocks ahead of the receiver has its two
// missing ancestors fetched by root (phase0 p2p-interface.md "BeaconBlocksByRoot v2") and all three
// are imported oldest first; a peer that answers with a block other than the one asked for is
// penalised and the next synced peer is asked instead; a gap deeper than the walk's bound is left to
// range sync without importing anything.
import {strict as assert} from "node:assert";
import {PeerAction} from "@hearth/network";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {ChainEvent, computeBlockRoot} from "../../../src/chain/index.js";
import {noopLogger} from "../../../src/chain/interface.js";
import {UnknownParentFetcher} from "../../../src/node/unknownParent.js";
import {DevHarness} from "../chain/harness.js";

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("node: UnknownParentFetcher (ancestors of a gossip block by root)", function () {
  this.timeout(30_000);
  let producer: DevHarness;
  /** The producer's blocks at slots 1..N, in order. */
  const blocks: SignedBeaconBlockAllForks[] = [];
  const rootOf = (b: SignedBeaconBlockAllForks): string => toHex(computeBlockRoot(producer.chain, b.message));

  before(async () => {
    producer = await DevHarness.create({fork: "fulu", validatorCount: 64});
    for (let slot = 1; slot <= 18; slot++) {
      producer.setSlot(slot);
      blocks.push(await producer.proposeAndImport(slot));
    }
  });

  after(async () => {
    await producer?.chain.stop();
  });

  /** A receiver at genesis whose peers answer blocks by root from the producer's blocks, or as `answer` says. */
  async function setup(answer?: (peerId: string, root: string) => SignedBeaconBlockAllForks[] | null) {
    const receiver = await DevHarness.create({fork: "fulu", validatorCount: 64});
    receiver.setSlot(blocks.length);
    const byRoot = new Map(blocks.map((b) => [rootOf(b), b]));
    const requests: {peerId: string; root: string}[] = [];
    const reports: {peerId: string; action: PeerAction}[] = [];
    const imported: string[] = [];
    receiver.chain.emitter.on(ChainEvent.block, (d: {block: string}) => imported.push(d.block));
    const network = {
      getSyncPeers: () => [{peerId: "liar"}, {peerId: "honest"}],
      reportPeer: (peerId: string, action: PeerAction) => reports.push({peerId, action}),
      reqResp: {
        beaconBlocksByRoot: async (peerId: string, roots: Uint8Array[]) => {
          const root = toHex(roots[0]);
          requests.push({peerId, root});
          const custom = answer?.(peerId, root);
          if (custom !== undefined && custom !== null) return custom;
          const block = byRoot.get(root);
          return block === undefined ? [] : [block];
        },
      },
    };
    const fetcher = new UnknownParentFetcher(receiver.chain, network as never, noopLogger, 1000);
    return {receiver, fetcher, requests, reports, imported};
  }

  it("fetches the missing ancestors from the sender and imports them oldest first, then the block", async () => {
    const {receiver, fetcher, requests, reports, imported} = await setup();
    try {
      // The receiver holds block 1; block 4 arrives by gossip, so 3 and 2 are missing.
      await receiver.chain.processBlock(blocks[0], {source: "gossip"});
      imported.length = 0;
      fetcher.onUnknownParent(blocks[3], "liar");
      await waitFor(() => fetcher.stats.imported === 3);
      assert.deepEqual(imported, [blocks[1], blocks[2], blocks[3]].map(rootOf));
      assert.deepEqual(requests, [
        {peerId: "liar", root: rootOf(blocks[2])},
        {peerId: "liar", root: rootOf(blocks[1])},
      ]);
      assert.equal(receiver.chain.head.node.blockRoot, rootOf(blocks[3]));
      assert.deepEqual(reports, []);
      assert.deepEqual(fetcher.stats, {walks: 1, blocksFetched: 2, imported: 3});
    } finally {
      fetcher.close();
      await receiver.chain.stop();
    }
  });

  it("a peer that answers another block than the one asked for is penalised; the next peer's answer is used", async () => {
    // "liar" answers every request with block 5 (a real, well-signed block, but not the one asked for).
    const {receiver, fetcher, requests, reports, imported} = await setup((peerId) => (peerId === "liar" ? [blocks[4]] : null));
    try {
      fetcher.onUnknownParent(blocks[2], "liar");
      await waitFor(() => fetcher.stats.imported === 3);
      assert.deepEqual(imported, [blocks[0], blocks[1], blocks[2]].map(rootOf));
      assert.deepEqual(
        requests.map((r) => r.peerId),
        ["liar", "honest", "liar", "honest"]
      );
      assert.deepEqual(reports, [
        {peerId: "liar", action: PeerAction.LowToleranceError},
        {peerId: "liar", action: PeerAction.LowToleranceError},
      ]);
      // Block 5 was never imported: its parent is not known, and nobody asked for it.
      assert.equal(receiver.chain.forkChoice.hasBlock(rootOf(blocks[4])), false);
    } finally {
      fetcher.close();
      await receiver.chain.stop();
    }
  });

  it("a gap deeper than the walk's bound is left to range sync: nothing is imported", async () => {
    const {receiver, fetcher, requests, imported} = await setup();
    try {
      fetcher.onUnknownParent(blocks[17], "honest"); // 17 ancestors missing, the bound is 16
      await waitFor(() => requests.length >= 16);
      // The walk stops at its bound without importing a partial chain.
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(fetcher.stats.imported, 0);
      assert.deepEqual(imported, []);
      assert.equal(receiver.chain.head.node.slot, 0);
    } finally {
      fetcher.close();
      await receiver.chain.stop();
    }
  });
});
