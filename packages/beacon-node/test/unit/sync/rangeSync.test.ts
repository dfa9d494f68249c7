// Range sync against a fake network and a fake chain: deterministic and fast. The blocks are real
// phase0 SSZ blocks (roots by hash_tree_root); the fake chain links them by parent root.
import {strict as assert} from "node:assert";
import {phase0} from "@hearth/types";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {BlockError, BlockErrorCode} from "../../../src/chain/errors.js";
import {noopLogger} from "../../../src/chain/interface.js";
import {
  RangeSync,
  RangeSyncError,
  RangeSyncErrorCode,
  checkBatchBlocks,
  ProgressTracker,
  formatEta,
  type RangeSyncChain,
  type RangeSyncNetwork,
  type SyncPeerAction,
  type SyncPeerStatus,
} from "../../../src/sync/index.js";

const BATCH = 8;

function blockRoot(block: SignedBeaconBlockAllForks): Uint8Array {
  return phase0.BeaconBlock.hashTreeRoot(block.message as never);
}

/** A chain of blocks from `parent`, one per slot in `slots`; `tag` makes another branch's roots differ. */
function makeChain(parent: Uint8Array, slots: number[], tag = 0): SignedBeaconBlockAllForks[] {
  const out: SignedBeaconBlockAllForks[] = [];
  let parentRoot = parent;
  for (const slot of slots) {
    const b = phase0.SignedBeaconBlock.defaultValue();
    b.message.slot = slot;
    b.message.parentRoot = parentRoot;
    b.message.proposerIndex = tag;
    out.push(b as unknown as SignedBeaconBlockAllForks);
    parentRoot = blockRoot(b as unknown as SignedBeaconBlockAllForks);
  }
  return out;
}

const GENESIS_ROOT = new Uint8Array(32).fill(7);

class FakeChain implements RangeSyncChain {
  readonly known = new Map<string, number>([[toHex(GENESIS_ROOT), 0]]);
  readonly importedSlots: number[] = [];
  readonly invalidRoots = new Set<string>();
  head = 0;
  finalizedSlot = 0;
  clockSlot = 1000;
  headSlot(): number {
    return this.head;
  }
  finalizedBlockSlot(): number {
    return this.finalizedSlot;
  }
  currentSlot(): number {
    return this.clockSlot;
  }
  hasBlock(rootHex: string): boolean {
    return this.known.has(rootHex);
  }
  blockRoot(block: SignedBeaconBlockAllForks): Uint8Array {
    return blockRoot(block);
  }
  async importBlock(block: SignedBeaconBlockAllForks): Promise<void> {
    await Promise.resolve();
    const root = toHex(blockRoot(block));
    if (this.known.has(root)) throw new BlockError(BlockErrorCode.ALREADY_KNOWN, {root});
    if (!this.known.has(toHex(block.message.parentRoot))) throw new BlockError(BlockErrorCode.PARENT_UNKNOWN, {root});
    if (this.invalidRoots.has(root)) throw new BlockError(BlockErrorCode.STATE_TRANSITION_ERROR, {root});
    this.known.set(root, block.message.slot);
    this.importedSlots.push(block.message.slot);
    this.head = Math.max(this.head, block.message.slot);
  }
}

type Behaviour = (blocks: SignedBeaconBlockAllForks[], start: number, count: number) => SignedBeaconBlockAllForks[] | Error;

interface FakePeer {
  blocks: SignedBeaconBlockAllForks[];
  behaviour?: Behaviour;
}

class FakeNetwork implements RangeSyncNetwork {
  readonly requests: {peer: string; start: number; count: number}[] = [];
  readonly reports: {peer: string; action: SyncPeerAction; reason: string}[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(readonly peers: Map<string, FakePeer>) {}

  async beaconBlocksByRange(peerId: string, startSlot: number, count: number): Promise<SignedBeaconBlockAllForks[]> {
    this.requests.push({peer: peerId, start: startSlot, count});
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setImmediate(r));
      const peer = this.peers.get(peerId)!;
      const inRange = peer.blocks.filter((b) => b.message.slot >= startSlot && b.message.slot < startSlot + count);
      const out = peer.behaviour ? peer.behaviour(inRange, startSlot, count) : inRange;
      if (out instanceof Error) throw out;
      return out;
    } finally {
      this.inFlight--;
    }
  }

  reportPeer(peer: string, action: SyncPeerAction, reason: string): void {
    this.reports.push({peer, action, reason});
  }
}

function statusOf(blocks: SignedBeaconBlockAllForks[]): SyncPeerStatus {
  const last = blocks[blocks.length - 1];
  return {finalizedEpoch: 0, finalizedRoot: GENESIS_ROOT, headSlot: last.message.slot, headRoot: blockRoot(last)};
}

async function until(what: string, cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

function setup(peers: Record<string, FakePeer>, opts: {maxBatchesAhead?: number; maxBatchAttempts?: number} = {}) {
  const chain = new FakeChain();
  const network = new FakeNetwork(new Map(Object.entries(peers)));
  const warnings: string[] = [];
  const logger = {...noopLogger, warn: (msg: string) => void warnings.push(msg)};
  const sync = new RangeSync({chain, network, logger, slotsPerBatch: BATCH, logIntervalMs: 0, recheckIntervalMs: 0, ...opts});
  return {chain, network, sync, warnings};
}

// 5 batches of 8 slots with some empty slots
const SLOTS = Array.from({length: 40}, (_, i) => i + 1).filter((s) => s % 7 !== 0);

describe("sync / range sync", function () {
  this.timeout(10_000);

  it("imports every block in slot order from several peers, with a bounded number in flight", async () => {
    const blocks = makeChain(GENESIS_ROOT, SLOTS);
    const {chain, network, sync} = setup({a: {blocks}, b: {blocks}, c: {blocks}}, {maxBatchesAhead: 2});
    sync.start();
    for (const id of ["a", "b", "c"]) sync.addPeer(id, statusOf(blocks));
    assert.equal(sync.getSyncState().state, "syncing");
    await until("sync to finish", () => !sync.isRunning);
    assert.deepEqual(chain.importedSlots, SLOTS);
    assert.equal(chain.head, 40);
    assert.equal(network.requests.length, 5);
    assert.ok(new Set(network.requests.map((r) => r.peer)).size >= 2, "batches spread over peers");
    assert.ok(network.maxInFlight <= 3, `at most maxBatchesAhead + 1 in flight, saw ${network.maxInFlight}`);
    assert.deepEqual(network.requests.map((r) => r.start).sort((x, y) => x - y), [1, 9, 17, 25, 33]);
    assert.equal(network.reports.length, 0);
    const state = sync.getSyncState();
    assert.equal(state.state, "synced");
    assert.equal(state.targetSlot, 40);
    await sync.stop();
  });

  it("penalises a peer whose response does not link and gets the batch from another peer", async () => {
    const blocks = makeChain(GENESIS_ROOT, SLOTS);
    // the bad peer swaps in a block of another branch in the middle of each response
    const other = makeChain(GENESIS_ROOT, SLOTS, 99);
    const badLink: Behaviour = (bs) => bs.map((b, i) => (i === 2 ? other[SLOTS.indexOf(b.message.slot)] : b));
    const {chain, network, sync} = setup({bad: {blocks, behaviour: badLink}, good: {blocks}});
    sync.start();
    sync.addPeer("bad", statusOf(blocks));
    sync.addPeer("good", statusOf(blocks));
    await until("sync to finish", () => !sync.isRunning);
    assert.deepEqual(chain.importedSlots, SLOTS);
    const badReports = network.reports.filter((r) => r.peer === "bad");
    assert.ok(badReports.length >= 1);
    assert.ok(badReports.every((r) => r.action === "LowToleranceError" && r.reason === RangeSyncErrorCode.NOT_LINKED));
    assert.equal(network.reports.filter((r) => r.peer === "good").length, 0);
    await sync.stop();
  });

  it("penalises a peer that serves an invalid block and never imports it", async () => {
    const good = makeChain(GENESIS_ROOT, SLOTS);
    const evil = makeChain(GENESIS_ROOT, SLOTS, 5);
    const {chain, network, sync} = setup({evil: {blocks: evil}, good: {blocks: good}});
    // the evil branch's block at slot 3 fails the state transition
    chain.invalidRoots.add(toHex(blockRoot(evil[2])));
    sync.start();
    sync.addPeer("evil", statusOf(evil));
    sync.addPeer("good", statusOf(good));
    await until("sync to finish", () => !sync.isRunning);
    assert.equal(chain.head, 40);
    assert.ok(!chain.known.has(toHex(blockRoot(evil[2]))));
    assert.ok(network.reports.some((r) => r.peer === "evil" && r.action === "LowToleranceError" && r.reason === RangeSyncErrorCode.BLOCK_INVALID));
    // the canonical chain's last block is known: the good peer's chain was imported
    assert.ok(chain.known.has(toHex(blockRoot(good[good.length - 1]))));
    await sync.stop();
  });

  it("refuses malformed responses: too many blocks, out of range, not ascending", async () => {
    const blocks = makeChain(GENESIS_ROOT, SLOTS);
    const behaviours: Record<string, Behaviour> = {
      many: (bs, start) => blocks.filter((b) => b.message.slot >= start && b.message.slot < start + BATCH + 3),
      range: (bs, start) => [blocks[SLOTS.indexOf(start + BATCH + 1)] ?? blocks[0]],
      order: (bs) => [...bs].reverse(),
    };
    for (const [name, behaviour] of Object.entries(behaviours)) {
      const {chain, network, sync} = setup({bad: {blocks, behaviour}, good: {blocks}});
      sync.start();
      sync.addPeer("bad", statusOf(blocks));
      sync.addPeer("good", statusOf(blocks));
      await until(`sync with a ${name} peer`, () => !sync.isRunning);
      assert.deepEqual(chain.importedSlots, SLOTS, name);
      assert.ok(network.reports.some((r) => r.peer === "bad" && r.action === "LowToleranceError"), name);
      await sync.stop();
    }
  });

  it("retries failed downloads and gives up after maxBatchAttempts when no peer serves", async () => {
    const blocks = makeChain(GENESIS_ROOT, SLOTS);
    const failing: Behaviour = () => new Error("stream reset");
    const {chain, network, sync, warnings} = setup({down: {blocks, behaviour: failing}}, {maxBatchAttempts: 3});
    sync.start();
    sync.addPeer("down", statusOf(blocks));
    await until("the run to be given up", () => !sync.isRunning);
    assert.equal(chain.importedSlots.length, 0);
    assert.ok(warnings.includes("Range sync stopped"));
    // the first batch was asked 3 times; every failure cost the peer a little
    assert.equal(network.requests.filter((r) => r.start === 1).length, 3);
    assert.ok(network.reports.length >= 3 && network.reports.every((r) => r.action === "HighToleranceError"));
    await sync.stop();
  });

  it("starts over from the finalized block when the peers' chain does not extend our head", async () => {
    const peerChain = makeChain(GENESIS_ROOT, SLOTS);
    const {chain, sync} = setup({a: {blocks: peerChain}});
    // we followed another branch to slot 5
    for (const b of makeChain(GENESIS_ROOT, [1, 2, 3, 4, 5], 42)) await chain.importBlock(b);
    chain.importedSlots.length = 0;
    sync.start();
    sync.addPeer("a", statusOf(peerChain));
    await until("sync to finish", () => !sync.isRunning);
    assert.deepEqual(chain.importedSlots, SLOTS);
    assert.ok(chain.known.has(toHex(blockRoot(peerChain[peerChain.length - 1]))));
    await sync.stop();
  });

  it("downloads the previous batch again when a peer withheld its last blocks", async () => {
    const blocks = makeChain(GENESIS_ROOT, SLOTS);
    // withholds the last two blocks of the first batch (slots 1..8)
    const withhold: Behaviour = (bs, start) => (start === 1 ? bs.slice(0, -2) : bs);
    const {chain, sync} = setup({w: {blocks, behaviour: withhold}, h: {blocks}}, {maxBatchesAhead: 0});
    sync.start();
    sync.addPeer("w", statusOf(blocks));
    sync.addPeer("h", statusOf(blocks));
    await until("sync to finish", () => !sync.isRunning);
    assert.equal(chain.head, 40);
    assert.deepEqual([...chain.importedSlots].sort((x, y) => x - y), SLOTS);
    await sync.stop();
  });

  it("syncs from a peer 2 slots ahead and leaves a peer 1 slot ahead to gossip", async () => {
    const blocks = makeChain(GENESIS_ROOT, [1, 2]);
    const {network, sync, chain} = setup({a: {blocks}});
    sync.start();
    sync.addPeer("a", statusOf(blocks));
    assert.equal(sync.isRunning, true);
    await until("sync to finish", () => !sync.isRunning);
    assert.deepEqual(chain.importedSlots, [1, 2]);
    assert.deepEqual(network.requests, [{peer: "a", start: 1, count: 2}]);
    const {network: n2, sync: s2, chain: c2} = setup({a: {blocks}});
    c2.head = 1;
    s2.start();
    s2.addPeer("a", statusOf(blocks));
    assert.equal(s2.isRunning, false);
    assert.equal(n2.requests.length, 0);
    assert.equal(s2.getSyncState().state, "synced");
    await sync.stop();
    await s2.stop();
  });
});

describe("sync / range sync batches", () => {
  const blocks = makeChain(GENESIS_ROOT, [3, 4, 6]);
  it("accepts a linked, ascending, in-range response", () => {
    const checked = checkBatchBlocks(blocks, 1, 8, blockRoot);
    assert.deepEqual(checked.map((b) => b.block.message.slot), [3, 4, 6]);
    assert.equal(checked[2].rootHex, toHex(blockRoot(blocks[2])));
  });
  const cases: [string, () => unknown, RangeSyncErrorCode][] = [
    ["too many", () => checkBatchBlocks(blocks, 1, 2, blockRoot), RangeSyncErrorCode.TOO_MANY_BLOCKS],
    ["out of range", () => checkBatchBlocks(blocks, 4, 8, blockRoot), RangeSyncErrorCode.OUT_OF_RANGE],
    ["not ascending", () => checkBatchBlocks([blocks[1], blocks[0]], 1, 8, blockRoot), RangeSyncErrorCode.NOT_ASCENDING],
    ["not linked", () => checkBatchBlocks([blocks[0], blocks[2]], 1, 8, blockRoot), RangeSyncErrorCode.NOT_LINKED],
  ];
  for (const [name, fn, code] of cases) {
    it(`refuses ${name}`, () => {
      assert.throws(fn, (e: unknown) => e instanceof RangeSyncError && e.code === code);
    });
  }
});

describe("sync / progress", () => {
  it("measures slots/s and blocks/s over its window and estimates the time left", () => {
    let now = 0;
    const p = new ProgressTracker(() => now, 60_000);
    p.record(0);
    now = 10_000;
    p.record(100, 90);
    const {slotsPerSecond, blocksPerSecond, etaSeconds} = p.progress(300);
    assert.equal(slotsPerSecond, 10);
    assert.equal(blocksPerSecond, 9);
    assert.equal(etaSeconds, 20);
    assert.equal(formatEta(etaSeconds), "20s");
    assert.equal(formatEta(3725), "1h02m");
    assert.equal(formatEta(null), "unknown");
  });
});
