import {strict as assert} from "node:assert";
import type {ForkName} from "@hearth/params";
import {kzgCommitmentToVersionedHash} from "@hearth/state-transition";
import {ExecutionEngineMock, ExecutionPayloadStatus, blobVersionedHashesOf, type GetPayloadResult} from "../../../src/execution/index.js";
import {kzg} from "../../../src/chain/index.js";
import {filled} from "./fixtures.js";

const ZERO = new Uint8Array(32);
const GENESIS_TIME = 1_600_000_000;
// Shared with the chain's data-availability tests: one process computes these blobs' proofs once.
const SEED = "hearth-da-chain";

async function build(mock: ExecutionEngineMock, fork: ForkName): Promise<GetPayloadResult> {
  const attrs = {timestamp: GENESIS_TIME + 12, prevRandao: filled(32, 1), suggestedFeeRecipient: filled(20, 2), withdrawals: [], parentBeaconBlockRoot: filled(32, 3)};
  const {payloadId} = await mock.notifyForkchoiceUpdate(fork, mock.headBlockHash, ZERO, ZERO, attrs);
  assert.ok(payloadId);
  return mock.getPayload(fork, payloadId);
}

describe("execution / ExecutionEngineMock with blobs", function () {
  this.timeout(20_000);

  it("deneb: a BlobsBundleV1 with real commitments and blob proofs, one mock blob transaction per blob", async () => {
    const mock = new ExecutionEngineMock({genesisTimestamp: GENESIS_TIME, blobsPerBlock: 2, blobSeed: SEED});
    const {executionPayload, blobsBundle} = await build(mock, "deneb");
    assert.ok(blobsBundle);
    assert.equal(blobsBundle.blobs.length, 2);
    assert.equal(blobsBundle.proofs.length, 2);
    assert.equal(kzg.verifyBlobKzgProofBatch(blobsBundle.blobs, blobsBundle.commitments, blobsBundle.proofs), true);
    assert.deepEqual((executionPayload as {blobGasUsed: number}).blobGasUsed, 2 * 131072);
    const hashes = blobsBundle.commitments.map(kzgCommitmentToVersionedHash);
    assert.deepEqual(blobVersionedHashesOf(executionPayload.transactions), hashes);

    // engine_newPayloadV3: the versioned hashes must be the blob transactions', in order.
    const wrong = await mock.notifyNewPayload("deneb", executionPayload, [hashes[1], hashes[0]], filled(32, 3));
    assert.equal(wrong.status, ExecutionPayloadStatus.INVALID);
    assert.equal((await mock.notifyNewPayload("deneb", executionPayload, [], filled(32, 3))).status, ExecutionPayloadStatus.INVALID);
    assert.equal((await mock.notifyNewPayload("deneb", executionPayload, hashes, filled(32, 3))).status, ExecutionPayloadStatus.VALID);

    // engine_getBlobsV1: per blob, null for a hash it never built.
    const answer = await mock.getBlobs("deneb", [hashes[1], filled(32, 9)]);
    assert.ok(answer.version === 1);
    assert.deepEqual(answer.blobs[0]?.blob, blobsBundle.blobs[1]);
    assert.deepEqual(answer.blobs[0]?.proof, blobsBundle.proofs[1]);
    assert.equal(answer.blobs[1], null);
  });

  it("fulu: a BlobsBundleV2 with the 128 cell proofs of each blob; getBlobsV2 answers all or nothing", async () => {
    const mock = new ExecutionEngineMock({genesisTimestamp: GENESIS_TIME, blobsPerBlock: 1, blobSeed: SEED});
    const {blobsBundle} = await build(mock, "fulu");
    assert.ok(blobsBundle);
    assert.equal(blobsBundle.proofs.length, 128);
    const cells = kzg.computeCells(blobsBundle.blobs[0]);
    const indices = cells.map((_, i) => i);
    assert.equal(kzg.verifyCellKzgProofBatch(indices.map(() => blobsBundle.commitments[0]), indices, cells, blobsBundle.proofs), true);
    const hash = kzgCommitmentToVersionedHash(blobsBundle.commitments[0]);
    const all = await mock.getBlobs("fulu", [hash]);
    assert.ok(all.version === 2 && all.blobs !== null);
    assert.equal(all.blobs[0].proofs.length, 128);
    assert.deepEqual(await mock.getBlobs("fulu", [hash, filled(32, 9)]), {version: 2, blobs: null});
    const other = new ExecutionEngineMock({genesisTimestamp: GENESIS_TIME, blobsPerBlock: 1, blobSeed: SEED, serveBlobs: false});
    await build(other, "fulu");
    assert.deepEqual(await other.getBlobs("fulu", [hash]), {version: 2, blobs: null});
  });
});
