// Data columns through the node's network handlers, with real KZG: validate_data_column_sidecar_gossip
// on a live chain (IGNORE vs REJECT as fulu p2p-interface.md says), the gossip handler handing accepted
// columns to the availability cache so a block held for its data is imported, and the req/resp
// handlers serving the custody columns of imported blocks. One 6-blob block is built per file: its
// cell proofs cost seconds.
import {strict as assert} from "node:assert";
import {GossipType, type GossipMeta} from "@hearth/network";
import {fulu, phase0} from "@hearth/types";
import {fromHex, toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {ChainEvent, computeBlockRoot, type AvailableData} from "../../../src/chain/index.js";
import {GossipValidationError, createChainGossipContext, validateGossipDataColumnSidecar, type ChainGossipContext} from "../../../src/chain/validation/index.js";
import {createGossipHandlers} from "../../../src/network/gossip/index.js";
import {createReqRespHandlers} from "../../../src/network/reqresp/index.js";
import {DevHarness} from "../chain/harness.js";

const BLOBS = 6;
const SEED = "hearth-da-chain";

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "valid";
  } catch (e) {
    if (e instanceof GossipValidationError) return `${e.code}: ${e.reason}`;
    throw e;
  }
}

function meta(subnet: number): GossipMeta {
  return {peerId: "peer", topic: {type: GossipType.data_column_sidecar, fork: "fulu", forkDigest: "00000000", subnet}, seenTimestampMs: 0, msgId: "m", sszBytes: new Uint8Array()};
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("network / data columns: gossip validation, the gossip handler and req/resp, with real KZG", function () {
  this.timeout(60_000);
  let producer: DevHarness;
  let receiver: DevHarness;
  let signed: SignedBeaconBlockAllForks;
  let root: string;
  let columns: fulu.DataColumnSidecar[];
  const published: AvailableData[] = [];

  before(async () => {
    producer = await DevHarness.create({fork: "fulu", validatorCount: 64, blobsPerBlock: BLOBS, blobSeed: SEED});
    receiver = await DevHarness.create({fork: "fulu", validatorCount: 64});
    producer.chain.dataAvailability.onSidecarsAvailable((d) => published.push(d));
    producer.setSlot(1);
    const produced = await producer.produce(1);
    signed = producer.sign(produced.block);
    root = toHex(computeBlockRoot(producer.chain, signed.message));
    await producer.chain.processBlock(signed, {source: "api"});
    const data = published[0];
    assert.ok(data?.kind === "columns");
    columns = data.built;
    assert.equal(columns.length, 128);
  });

  after(async () => {
    await producer?.chain.stop();
    await receiver?.chain.stop();
  });

  describe("validate_data_column_sidecar_gossip on a live chain", () => {
    let ctx: ChainGossipContext;
    beforeEach(() => {
      receiver.setSlot(1);
      ctx = createChainGossipContext(receiver.chain);
    });

    it("accepts a real column on its subnet once; the second copy is IGNOREd by the seen tuple", async () => {
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, columns[17], 17)), "valid");
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, columns[17], 17)), "ignore: already seen sidecar from this proposer for this slot and index");
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, columns[18], 18)), "valid", "another column of the same block");
    });

    it("REJECTs: wrong subnet, corrupted cell (KZG), broken inclusion proof, bad header signature, zero blobs, proposer out of range", async () => {
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, columns[3], 4)), "reject: sidecar is for wrong subnet");

      const cell = Uint8Array.from(columns[3].column[2]);
      cell[100] ^= 1;
      const badCell = {...columns[3], column: columns[3].column.map((c, i) => (i === 2 ? cell : c))};
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, badCell, 3)), "reject: invalid sidecar kzg proofs");

      const swapped = {...columns[3], kzgProofs: [columns[3].kzgProofs[1], columns[3].kzgProofs[0], ...columns[3].kzgProofs.slice(2)]};
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, swapped, 3)), "reject: invalid sidecar kzg proofs");

      const badProof = {...columns[4], kzgCommitmentsInclusionProof: columns[4].kzgCommitmentsInclusionProof.map((n, i) => (i === 0 ? new Uint8Array(32).fill(1) : n))};
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, badProof, 4)), "reject: invalid sidecar inclusion proof");

      const badSig = {...columns[5], signedBlockHeader: {...columns[5].signedBlockHeader, signature: columns[5].signedBlockHeader.signature.slice()}};
      badSig.signedBlockHeader.signature[10] ^= 1;
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, badSig, 5)), "reject: invalid proposer signature on sidecar block header");

      const empty = {...columns[6], column: [], kzgCommitments: [], kzgProofs: []};
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, empty, 6)), "reject: invalid sidecar");

      const wrongProposer = {...columns[7], signedBlockHeader: {...columns[7].signedBlockHeader, message: {...columns[7].signedBlockHeader.message, proposerIndex: 9999}}};
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, wrongProposer, 7)), "reject: proposer index out of range");
      // none of the rejected copies took the tuple: the real column 3 still passes
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, columns[3], 3)), "valid");
    });

    it("IGNOREs: a future slot, an unknown parent (the header re-signed by the real proposer)", async () => {
      receiver.setSlot(0);
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, columns[8], 8)), "ignore: sidecar is from a future slot");
      receiver.setSlot(1);
      const header = {...columns[9].signedBlockHeader.message, parentRoot: new Uint8Array(32).fill(0xab)};
      const signature = producer.sign({...signed.message, parentRoot: header.parentRoot} as never).signature;
      // The block's signature covers the block root, which is the header's root: re-signing the changed block signs the changed header.
      assert.deepEqual(phase0.BeaconBlockHeader.hashTreeRoot(header), computeBlockRoot(producer.chain, {...signed.message, parentRoot: header.parentRoot} as never));
      const orphan = {...columns[9], signedBlockHeader: {message: header, signature}};
      assert.equal(await outcome(validateGossipDataColumnSidecar(ctx, orphan, 9)), "ignore: sidecar's parent has not been seen");
    });
  });

  it("the gossip handler: a block without its data waits (no warning), accepted columns complete it, bad ones are rejected", async () => {
    receiver.setSlot(1);
    const warnings: string[] = [];
    const logger = {error: (m: string) => warnings.push(m), warn: (m: string) => warnings.push(m), info: () => {}, debug: () => {}};
    const handlers = createGossipHandlers({chain: receiver.chain, context: createChainGossipContext(receiver.chain), logger});
    const da = receiver.chain.dataAvailability;

    const blockVerdict = await handlers[GossipType.beacon_block](signed as never, {...meta(0), topic: {type: GossipType.beacon_block, fork: "fulu", forkDigest: "00000000"}});
    assert.equal(blockVerdict.result, "accept");
    await waitFor(() => da.pendingBlocks.size === 1);
    assert.deepEqual(warnings, [], "DATA_UNAVAILABLE is not a failure");
    assert.equal(receiver.chain.forkChoice.hasBlock(root), false);

    const cell = Uint8Array.from(columns[0].column[0]);
    cell[7] ^= 1;
    const bad = await handlers[GossipType.data_column_sidecar]({...columns[0], column: [cell, ...columns[0].column.slice(1)]}, meta(0));
    assert.deepEqual(bad, {result: "reject", reason: "invalid sidecar kzg proofs"});

    const imported = new Promise<void>((resolve) => receiver.chain.emitter.on(ChainEvent.block, (d: {block: string}) => d.block === root && resolve()));
    const sampling = da.custodyColumns.samplingColumns;
    for (const c of sampling) {
      const verdict = await handlers[GossipType.data_column_sidecar](columns[c], meta(c));
      assert.equal(verdict.result, "accept", `column ${c}`);
    }
    await imported;
    // the head moves right after the block event
    await waitFor(() => receiver.chain.head.node.blockRoot === root);
    assert.equal(da.pendingBlocks.size, 0);
    assert.deepEqual(warnings, []);
  });

  describe("req/resp handlers serve the custody columns of imported blocks", () => {
    it("by range: (slot, column) order, only columns held and asked for", async () => {
      const handlers = createReqRespHandlers(producer.chain, {getMetadata: () => ({seqNumber: 0, attnets: null as never, syncnets: null as never, custodyGroupCount: 4}), logger: producer.chain.logger});
      const custody = producer.chain.dataAvailability.custodyColumns.custodyColumns;
      const notHeld = [...Array(128).keys()].find((c) => !custody.includes(c)) as number;
      const want = [custody[2], notHeld, custody[0]];
      const chunks = await collect(handlers.onDataColumnSidecarsByRange({startSlot: 0, count: 5, columns: want}, "peer"));
      const got = chunks.map((c) => fulu.DataColumnSidecar.deserialize(c.bytes));
      assert.deepEqual(got.map((s) => [s.signedBlockHeader.message.slot, s.index]), [[1, custody[0]], [1, custody[2]]]);
      assert.deepEqual(chunks.map((c) => [c.fork, c.slot]), [["fulu", 1], ["fulu", 1]]);
      assert.deepEqual(chunks[0].bytes, fulu.DataColumnSidecar.serialize(columns[custody[0]]));
      assert.deepEqual(await collect(handlers.onDataColumnSidecarsByRange({startSlot: 2, count: 5, columns: want}, "peer")), []);
    });

    it("by root: request order; unknown roots and columns not held give nothing", async () => {
      const handlers = createReqRespHandlers(producer.chain, {getMetadata: () => ({seqNumber: 0, attnets: null as never, syncnets: null as never, custodyGroupCount: 4}), logger: producer.chain.logger});
      const custody = producer.chain.dataAvailability.custodyColumns.custodyColumns;
      const chunks = await collect(
        handlers.onDataColumnSidecarsByRoot([{blockRoot: fromHex(root), columns: [custody[3], custody[1]]}, {blockRoot: new Uint8Array(32).fill(4), columns: [custody[0]]}], "peer")
      );
      assert.deepEqual(chunks.map((c) => fulu.DataColumnSidecar.deserialize(c.bytes).index), [custody[3], custody[1]]);
    });
  });
});

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
