import {strict as assert} from "node:assert";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {BlockError, BlockErrorCode, ChainEvent, ChainSegmentError, computeBlockRoot} from "../../../src/chain/index.js";
import {DevHarness} from "./harness.js";
import {createBeaconMetrics} from "../../../src/metrics/beaconMetrics.js";
import {trackBlockImport} from "../../../src/metrics/blockImportMetrics.js";

// chain.processChainSegment: range sync's batch import. A source chain is built slot by slot; fresh
// chains on the same genesis import its blocks as segments.
describe("chain.processChainSegment", function () {
  this.timeout(60_000);
  const SLOTS = 10;
  let source: DevHarness;
  const blocks: SignedBeaconBlockAllForks[] = [];
  const rootOf = (b: SignedBeaconBlockAllForks): string => toHex(computeBlockRoot(source.chain, b.message));

  before(async () => {
    source = await DevHarness.create({fork: "phase0", validatorCount: 64});
    for (let slot = 1; slot <= SLOTS; slot++) blocks.push(await source.runSlot(slot));
  });

  async function fresh(): Promise<DevHarness> {
    const h = await DevHarness.create({fork: "phase0", validatorCount: 64});
    h.setSlot(SLOTS);
    return h;
  }

  function copy(b: SignedBeaconBlockAllForks): SignedBeaconBlockAllForks {
    return {message: {...b.message}, signature: b.signature} as SignedBeaconBlockAllForks;
  }

  async function segmentError(p: Promise<unknown>): Promise<ChainSegmentError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof ChainSegmentError, `not a ChainSegmentError: ${String(e)}`);
      return e;
    }
    assert.fail("the segment was imported");
  }

  it("imports every block, stores them, and moves the head once to the last", async () => {
    const h = await fresh();
    let blockEvents = 0;
    let headEvents = 0;
    h.chain.emitter.on(ChainEvent.block, () => blockEvents++);
    h.chain.emitter.on(ChainEvent.head, () => headEvents++);
    const {imported} = await h.chain.processChainSegment(blocks, {source: "sync"});
    assert.equal(imported, SLOTS);
    assert.equal(h.chain.head.node.blockRoot, source.chain.head.node.blockRoot);
    assert.equal(toHex(h.chain.head.state.state.hashTreeRoot()), toHex(source.chain.head.state.state.hashTreeRoot()));
    assert.equal(blockEvents, SLOTS);
    assert.equal(headEvents, 1);
    for (const b of blocks) assert.notEqual(await h.db.getBlock(computeBlockRoot(h.chain, b.message)), null);
  });

  it("skips the blocks it already has and imports the rest", async () => {
    const h = await fresh();
    for (const b of blocks.slice(0, 4)) await h.chain.processBlock(b, {source: "sync"});
    const {imported} = await h.chain.processChainSegment(blocks, {source: "sync"});
    assert.equal(imported, SLOTS - 4);
    assert.equal(h.chain.head.node.blockRoot, rootOf(blocks[SLOTS - 1]));
  });

  it("stops at a block with a bad signature: the blocks before it imported, it and later ones not", async () => {
    const h = await fresh();
    const bad = copy(blocks[5]);
    // a valid point, signed by the wrong key
    bad.signature = source.sign(bad.message, source.keys[(bad.message.proposerIndex + 1) % 64]).signature;
    const segment = [...blocks.slice(0, 5), bad, ...blocks.slice(6)];
    const e = await segmentError(h.chain.processChainSegment(segment, {source: "sync"}));
    assert.equal(e.index, 5);
    assert.equal(e.slot, blocks[5].message.slot);
    assert.equal(e.imported, 5);
    assert.ok(e.cause instanceof BlockError && e.cause.code === BlockErrorCode.INVALID_SIGNATURE, String(e.cause));
    assert.equal(h.chain.head.node.blockRoot, rootOf(blocks[4]));
    for (const b of blocks.slice(5)) {
      assert.equal(h.chain.forkChoice.hasBlock(rootOf(b)), false);
      assert.equal(h.chain.blockStates.peek(rootOf(b)), undefined, "a post-state of an unimported block stayed cached");
      assert.equal(await h.db.getBlock(computeBlockRoot(h.chain, b.message)), null);
    }
  });

  it("stops at a block whose state root is wrong", async () => {
    const h = await fresh();
    const bad = copy(blocks[7]);
    bad.message.stateRoot = new Uint8Array(32).fill(7);
    const e = await segmentError(h.chain.processChainSegment([...blocks.slice(0, 7), bad], {source: "sync"}));
    assert.equal(e.index, 7);
    assert.equal(e.imported, 7);
    assert.ok(e.cause instanceof BlockError && e.cause.code === BlockErrorCode.INVALID_STATE_ROOT, String(e.cause));
    assert.equal(h.chain.head.node.blockRoot, rootOf(blocks[6]));
  });

  it("counts a segment's blocks in the import metrics: imported ones, and the one that stopped it as refused", async () => {
    const h = await fresh();
    const metrics = createBeaconMetrics();
    trackBlockImport(h.chain, metrics);
    const bad = copy(blocks[5]);
    bad.signature = source.sign(bad.message, source.keys[(bad.message.proposerIndex + 1) % 64]).signature;
    await segmentError(h.chain.processChainSegment([...blocks.slice(0, 5), bad], {source: "sync"}));
    const imported = (await metrics.blocksImportedTotal.get()).values.find((v) => v.labels.source === "sync")?.value;
    const refused = (await metrics.blocksRejectedTotal.get()).values.find((v) => v.labels.code === BlockErrorCode.INVALID_SIGNATURE)?.value;
    assert.equal(imported, 5);
    assert.equal(refused, 1);
  });

  it("rejects a segment that does not build on a known block, importing nothing", async () => {
    const h = await fresh();
    const e = await segmentError(h.chain.processChainSegment(blocks.slice(3), {source: "sync"}));
    assert.equal(e.index, 0);
    assert.equal(e.imported, 0);
    assert.ok(e.cause instanceof BlockError && e.cause.code === BlockErrorCode.PARENT_UNKNOWN, String(e.cause));
    assert.equal(h.chain.head.node.slot, 0);
  });
});
