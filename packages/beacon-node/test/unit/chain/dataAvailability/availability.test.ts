import {strict as assert} from "node:assert";
import type {fulu} from "@hearth/types";
import {toHex} from "@hearth/config";
import {kzgCommitmentToVersionedHash, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {
  BlockError,
  BlockErrorCode,
  ChainEvent,
  DataAvailability,
  MemorySidecarStore,
  blobKzgCommitmentsOf,
  computeBlockRoot,
  type AvailableData,
} from "../../../../src/chain/index.js";
import {DevHarness} from "../harness.js";

// One fulu dev chain proposes a block with 6 blobs (real KZG commitments and cell proofs from the mock
// engine); a second node on the same genesis receives it without data. The blob pool's seed is fixed so
// the costly cell proofs are computed once per process.
const BLOBS = 6;
const SEED = "hearth-da-chain";

function codeOf(e: unknown): string | undefined {
  return e instanceof BlockError ? e.code : undefined;
}

/** Resolves when the chain imports the block `root`. */
function imported(h: DevHarness, root: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (d: {block: string}): void => {
      if (d.block === root) resolve();
    };
    h.chain.emitter.on(ChainEvent.block, listener);
  });
}

describe("chain / dataAvailability: a fulu dev chain with 6 blobs per block", function () {
  this.timeout(60_000);
  let producer: DevHarness;
  let receiver: DevHarness;
  let signed: SignedBeaconBlockAllForks;
  let root: string;
  const published: AvailableData[] = [];

  before(async () => {
    producer = await DevHarness.create({fork: "fulu", validatorCount: 64, blobsPerBlock: BLOBS, blobSeed: SEED});
    receiver = await DevHarness.create({fork: "fulu", validatorCount: 64});
    producer.chain.dataAvailability.onSidecarsAvailable((d) => published.push(d));
  });

  after(async () => {
    await producer?.chain.stop();
    await receiver?.chain.stop();
  });

  it("the proposer's block carries 6 real commitments and is available at once: its own columns built and custody columns stored", async () => {
    producer.setSlot(1);
    const produced = await producer.produce(1);
    assert.equal(produced.blobsBundle?.blobs.length, BLOBS);
    assert.equal(produced.blobsBundle?.proofs.length, BLOBS * 128, "BlobsBundleV2: every cell proof");
    signed = producer.sign(produced.block);
    assert.equal(blobKzgCommitmentsOf(signed).length, BLOBS);
    root = toHex(computeBlockRoot(producer.chain, signed.message));
    await producer.chain.processBlock(signed, {source: "api"});
    assert.equal(producer.chain.head.node.blockRoot, root);

    assert.equal(published.length, 1);
    const data = published[0];
    assert.ok(data.kind === "columns" && data.origin === "local");
    assert.equal(data.built.length, 128, "a proposer publishes every column");
    const custody = producer.chain.dataAvailability.custodyColumns.custodyColumns;
    assert.equal(custody.length, producer.config.CUSTODY_REQUIREMENT);
    const stored = await producer.chain.dataAvailability.getDataColumnSidecars(computeBlockRoot(producer.chain, signed.message));
    assert.deepEqual(
      stored.map((s) => s.index),
      custody
    );
    assert.equal(stored[0].column.length, BLOBS);
  });

  it("another node refuses the block without its columns, keeps it pending, and imports it once the sampled columns arrive", async () => {
    const data = published[0] as Extract<AvailableData, {kind: "columns"}>;
    receiver.setSlot(1);
    const da = receiver.chain.dataAvailability;
    const sampling = da.custodyColumns.samplingColumns;
    assert.equal(sampling.length, Math.max(receiver.config.SAMPLES_PER_SLOT, receiver.config.CUSTODY_REQUIREMENT));

    await assert.rejects(receiver.chain.processBlock(signed, {source: "gossip"}), (e) => codeOf(e) === BlockErrorCode.DATA_UNAVAILABLE);
    assert.notEqual(receiver.chain.head.node.blockRoot, root);
    assert.equal(da.pendingBlocks.size, 1);
    assert.deepEqual(da.missingColumns(root), sampling);

    // A corrupted column among the sampled ones: the import is retried, the KZG batch fails, nothing is imported.
    const [first, ...rest] = sampling.map((i) => data.built[i]);
    const cell = Uint8Array.from(first.column[2]);
    cell[40] ^= 1;
    const corrupted: fulu.DataColumnSidecar = {...first, column: first.column.map((c, i) => (i === 2 ? cell : c))};
    for (const s of rest) da.addDataColumnSidecar(s);
    assert.equal(receiver.chain.forkChoice.hasBlock(root), false, "7 of 8 columns do not complete the block");
    da.addDataColumnSidecar(corrupted);
    await receiver.chain.runExclusive(async () => undefined);
    await receiver.chain.runExclusive(async () => undefined);
    assert.equal(receiver.chain.forkChoice.hasBlock(root), false, "a corrupted column never makes a block available");
    assert.equal(da.pendingBlocks.size, 1, "the block waits again");

    const done = imported(receiver, root);
    for (const s of sampling.map((i) => data.built[i])) da.addDataColumnSidecar(s);
    await done;
    assert.equal(receiver.chain.head.node.blockRoot, root);
    assert.equal(da.pendingBlocks.size, 0);
    const stored = await da.getDataColumnSidecars(computeBlockRoot(receiver.chain, signed.message));
    assert.deepEqual(
      stored.map((s) => s.index),
      da.custodyColumns.custodyColumns
    );
  });

  it("engine_getBlobsV2: the proposer's engine serves all 6 blobs with cell proofs, enough to build every column", async () => {
    const commitments = blobKzgCommitmentsOf(signed);
    const answer = await producer.engine.getBlobs("fulu", commitments.map(kzgCommitmentToVersionedHash));
    assert.ok(answer.version === 2 && answer.blobs !== null);
    assert.equal(answer.blobs.length, BLOBS);
    assert.equal(answer.blobs[0].proofs.length, 128);
    const unknown = await receiver.engine.getBlobs("fulu", commitments.map(kzgCommitmentToVersionedHash));
    assert.deepEqual(unknown, {version: 2, blobs: null});

    const da = new DataAvailability({config: producer.config, store: new MemorySidecarStore(), engine: producer.engine, currentSlot: () => 1, custody: {nodeId: 5n, supernode: true}});
    const got = await da.checkAvailability("fulu", computeBlockRoot(producer.chain, signed.message), signed);
    assert.ok(got !== null && got.kind === "columns");
    assert.equal(got.origin, "engine");
    assert.equal(got.sidecars.length, 128, "a supernode keeps every column");
  });

  it("pruning removes the columns past MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS, not before", async () => {
    const da = producer.chain.dataAvailability;
    const blockRoot = computeBlockRoot(producer.chain, signed.message);
    const window = producer.config.MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS;
    assert.deepEqual(await da.prune(window), {blobBlocks: 0, columns: 0});
    assert.equal((await da.getDataColumnSidecars(blockRoot)).length, producer.config.CUSTODY_REQUIREMENT);
    assert.deepEqual(await da.prune(window + 1), {blobBlocks: 0, columns: producer.config.CUSTODY_REQUIREMENT});
    assert.deepEqual(await da.getDataColumnSidecars(blockRoot), []);
  });
});
