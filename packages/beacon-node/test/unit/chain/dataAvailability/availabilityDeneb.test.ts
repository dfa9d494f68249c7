import {strict as assert} from "node:assert";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {BlockError, BlockErrorCode, ChainEvent, computeBlockRoot, type AvailableData} from "../../../../src/chain/index.js";
import {DevHarness} from "../harness.js";

// deneb's rule: every blob of the block's commitments present, each with a valid inclusion proof, and
// one verify_blob_kzg_proof_batch over them. Electra keeps it; only the limit changes.
const SEED = "hearth-da-chain";

describe("chain / dataAvailability: deneb blob sidecars", function () {
  this.timeout(30_000);
  let producer: DevHarness;
  let receiver: DevHarness;
  let signed: SignedBeaconBlockAllForks;
  let blockRoot: Uint8Array;
  const published: AvailableData[] = [];

  before(async () => {
    producer = await DevHarness.create({fork: "deneb", validatorCount: 64, blobsPerBlock: 3, blobSeed: SEED});
    receiver = await DevHarness.create({fork: "deneb", validatorCount: 64});
    producer.chain.dataAvailability.onSidecarsAvailable((d) => published.push(d));
    producer.setSlot(1);
    signed = producer.sign((await producer.produce(1)).block);
    blockRoot = computeBlockRoot(producer.chain, signed.message);
  });

  after(async () => {
    await producer?.chain.stop();
    await receiver?.chain.stop();
  });

  it("the proposer's block makes its 3 blob sidecars from its own bundle and stores them", async () => {
    await producer.chain.processBlock(signed, {source: "api"});
    assert.equal(producer.chain.head.node.blockRoot, toHex(blockRoot));
    assert.equal(published.length, 1);
    assert.ok(published[0].kind === "blobs" && published[0].origin === "local");
    const stored = await producer.chain.dataAvailability.getBlobSidecars(blockRoot);
    assert.deepEqual(
      stored?.map((s) => s.index),
      [0, 1, 2]
    );
  });

  it("a receiver imports the block only once all 3 sidecars are in; a bad proof is dropped, not trusted", async () => {
    const sidecars = (published[0] as Extract<AvailableData, {kind: "blobs"}>).sidecars;
    receiver.setSlot(1);
    const da = receiver.chain.dataAvailability;
    await assert.rejects(receiver.chain.processBlock(signed, {source: "gossip"}), (e) => e instanceof BlockError && e.code === BlockErrorCode.DATA_UNAVAILABLE);

    da.addBlobSidecar(sidecars[0]);
    da.addBlobSidecar({...sidecars[1], kzgProof: sidecars[2].kzgProof});
    assert.equal(da.pendingBlocks.size, 1);
    da.addBlobSidecar(sidecars[2]);
    await receiver.chain.runExclusive(async () => undefined);
    await receiver.chain.runExclusive(async () => undefined);
    assert.equal(receiver.chain.forkChoice.hasBlock(toHex(blockRoot)), false, "a wrong proof never makes a block available");

    const done = new Promise<void>((resolve) => receiver.chain.emitter.on(ChainEvent.block, (d) => d.block === toHex(blockRoot) && resolve()));
    for (const s of sidecars) da.addBlobSidecar(s);
    await done;
    assert.equal(receiver.chain.head.node.blockRoot, toHex(blockRoot));
    assert.equal((await da.getBlobSidecars(blockRoot))?.length, 3);
  });

  it("pruning drops blob sidecars past MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS", async () => {
    const da = receiver.chain.dataAvailability;
    const window = receiver.config.MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS;
    assert.equal((await da.prune(window)).blobBlocks, 0);
    assert.equal((await da.prune(window + 1)).blobBlocks, 1);
    assert.equal(await da.getBlobSidecars(blockRoot), null);
  });
});
