import {strict as assert} from "node:assert";
import {NUMBER_OF_COLUMNS} from "@hearth/params";
import {phase0, type fulu, sszTypesFor} from "@hearth/types";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {
  DataAvailability,
  DataAvailabilityErrorCode,
  MemorySidecarStore,
  computeKzgCommitmentsInclusionProof,
  getBlobSidecars,
  getDataColumnSidecarsFromBlock,
  kzg,
  recoverMatrix,
  verifyBlobSidecarsForBlock,
  verifyColumnSidecarsForBlock,
  verifyDataColumnSidecar,
  verifyDataColumnSidecarInclusionProof,
  verifyDataColumnSidecarKzgProofs,
  type CellsAndProofs,
} from "../../../../src/chain/index.js";
import {mockBlobBytes} from "../../../../src/execution/index.js";
import {configAtGenesis} from "../harness.js";

// Fixtures once per file: KZG cell proofs cost about a second per blob.
const SEED = "hearth-da-unit";
const config = configAtGenesis("fulu");

function fuluBlockWith(commitments: Uint8Array[]): SignedBeaconBlockAllForks {
  const signed = sszTypesFor("fulu").SignedBeaconBlock.defaultValue();
  signed.message.slot = 9;
  signed.message.proposerIndex = 3;
  signed.message.body.blobKzgCommitments = commitments;
  signed.signature = new Uint8Array(96).fill(7);
  return signed as unknown as SignedBeaconBlockAllForks;
}

function rootOf(block: SignedBeaconBlockAllForks): Uint8Array {
  return sszTypesFor("fulu").BeaconBlock.hashTreeRoot(block.message as never);
}

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as {code?: string}).code;
  }
  return undefined;
}

describe("chain / dataAvailability: KZG, sidecars and recovery (c-kzg)", function () {
  this.timeout(30_000);
  let blobs: Uint8Array[];
  let commitments: Uint8Array[];
  let matrix: CellsAndProofs[];
  let block: SignedBeaconBlockAllForks;
  let columns: fulu.DataColumnSidecar[];

  before(() => {
    blobs = [mockBlobBytes(SEED, 0), mockBlobBytes(SEED, 1)];
    commitments = blobs.map((b) => kzg.blobToKzgCommitment(b));
    matrix = blobs.map((b) => kzg.computeCellsAndKzgProofs(b));
    block = fuluBlockWith(commitments);
    columns = getDataColumnSidecarsFromBlock("fulu", block, matrix);
  });

  it("a blob's cells and cell proofs verify against its commitment, all 128 in one batch", () => {
    const [{cells, proofs}] = matrix;
    assert.equal(cells.length, kzg.CELLS_PER_EXT_BLOB);
    assert.equal(cells[0].length, kzg.BYTES_PER_CELL);
    // The first half of the extended blob is the blob itself (the evaluation form's cells in order).
    assert.deepEqual(Buffer.concat(cells.slice(0, 64)), Buffer.from(blobs[0]));
    const indices = cells.map((_, i) => i);
    assert.equal(kzg.verifyCellKzgProofBatch(indices.map(() => commitments[0]), indices, cells, proofs), true);
  });

  it("a corrupted cell, a swapped proof or the wrong commitment is rejected", () => {
    const [{cells, proofs}] = matrix;
    const bad = Uint8Array.from(cells[5]);
    bad[100] ^= 1;
    assert.equal(kzg.verifyCellKzgProofBatch([commitments[0]], [5], [bad], [proofs[5]]), false);
    assert.equal(kzg.verifyCellKzgProofBatch([commitments[0]], [5], [cells[5]], [proofs[6]]), false);
    assert.equal(kzg.verifyCellKzgProofBatch([commitments[1]], [5], [cells[5]], [proofs[5]]), false);
    assert.throws(() => kzg.verifyCellKzgProofBatch([commitments[0]], [128], [cells[5]], [proofs[5]]), /out of range/);
  });

  it("blob proofs: verify_blob_kzg_proof_batch accepts the blobs and rejects a flipped byte", () => {
    const proofs = blobs.map((b, i) => kzg.computeBlobKzgProof(b, commitments[i]));
    assert.equal(kzg.verifyBlobKzgProofBatch(blobs, commitments, proofs), true);
    const flipped = Uint8Array.from(blobs[1]);
    flipped[64] ^= 1;
    assert.equal(kzg.verifyBlobKzgProofBatch([blobs[0], flipped], commitments, proofs), false);
  });

  it("get_data_column_sidecars: 128 columns whose inclusion proofs and cell proofs verify", () => {
    assert.equal(columns.length, NUMBER_OF_COLUMNS);
    assert.deepEqual(columns.map((c) => c.index).slice(0, 3), [0, 1, 2]);
    const c = columns[77];
    assert.equal(c.column.length, 2);
    assert.deepEqual(c.column[1], matrix[1].cells[77]);
    assert.deepEqual(c.kzgCommitmentsInclusionProof, computeKzgCommitmentsInclusionProof("fulu", block.message.body));
    assert.equal(toHex(phase0.BeaconBlockHeader.hashTreeRoot(c.signedBlockHeader.message)), toHex(rootOf(block)));
    assert.equal(verifyDataColumnSidecar(config, c), true);
    assert.equal(verifyDataColumnSidecarInclusionProof(c), true);
    assert.equal(verifyDataColumnSidecarKzgProofs(c), true);
    // One batch for a block's columns: no throw means all 16 columns x 2 cells verified.
    verifyColumnSidecarsForBlock(config, rootOf(block), commitments, columns.slice(0, 16));
  });

  it("rejects a column with a foreign commitment list, a changed cell, a wrong header or too many blobs", () => {
    const root = rootOf(block);
    const foreign = {...columns[3], kzgCommitments: [commitments[1], commitments[0]]};
    assert.equal(verifyDataColumnSidecarInclusionProof(foreign), false);
    assert.equal(codeOf(() => verifyColumnSidecarsForBlock(config, root, commitments, [foreign])), DataAvailabilityErrorCode.INVALID_INCLUSION_PROOF);

    const cell = Uint8Array.from(columns[3].column[0]);
    cell[0] ^= 0x01;
    const changed = {...columns[3], column: [cell, columns[3].column[1]]};
    assert.equal(verifyDataColumnSidecarKzgProofs(changed), false);
    assert.equal(codeOf(() => verifyColumnSidecarsForBlock(config, root, commitments, [columns[4], changed])), DataAvailabilityErrorCode.INVALID_KZG_PROOF);

    const other = {...columns[3], signedBlockHeader: {...columns[3].signedBlockHeader, message: {...columns[3].signedBlockHeader.message, slot: 10}}};
    assert.equal(codeOf(() => verifyColumnSidecarsForBlock(config, root, commitments, [other])), DataAvailabilityErrorCode.HEADER_MISMATCH);

    assert.equal(verifyDataColumnSidecar(config, {...columns[3], index: 128}), false);
    assert.equal(verifyDataColumnSidecar(config, {...columns[3], kzgCommitments: []}), false);
    const tooMany = Array.from({length: config.BLOB_SCHEDULE.length > 0 ? 100 : config.MAX_BLOBS_PER_BLOCK_ELECTRA + 1}, () => commitments[0]);
    assert.equal(verifyDataColumnSidecar(config, {...columns[3], kzgCommitments: tooMany, column: tooMany, kzgProofs: tooMany}), false);
  });

  it("recover_matrix from exactly 64 columns (every other one) equals the original matrix", () => {
    const half = columns.filter((c) => c.index % 2 === 1);
    assert.equal(half.length, 64);
    const recovered = recoverMatrix(half.slice(0), 1);
    assert.equal(recovered.length, 1);
    assert.ok(recovered[0].cells.every((cell, i) => Buffer.from(cell).equals(Buffer.from(matrix[0].cells[i]))), "cells");
    assert.ok(recovered[0].proofs.every((proof, i) => Buffer.from(proof).equals(Buffer.from(matrix[0].proofs[i]))), "proofs");
    assert.equal(codeOf(() => recoverMatrix(half.slice(1), 1)), DataAvailabilityErrorCode.NOT_ENOUGH_COLUMNS);
  });

  it("deneb blob sidecars: inclusion proof per commitment, checked with one KZG batch", () => {
    const signed = sszTypesFor("deneb").SignedBeaconBlock.defaultValue();
    signed.message.slot = 4;
    signed.message.body.blobKzgCommitments = commitments;
    const denebBlock = signed as unknown as SignedBeaconBlockAllForks;
    const root = sszTypesFor("deneb").BeaconBlock.hashTreeRoot(signed.message);
    const proofs = blobs.map((b, i) => kzg.computeBlobKzgProof(b, commitments[i]));
    const sidecars = getBlobSidecars("deneb", denebBlock, blobs, proofs);
    assert.equal(sidecars.length, 2);
    assert.equal(sidecars[1].kzgCommitmentInclusionProof.length, 17);
    verifyBlobSidecarsForBlock(root, commitments, sidecars);
    const swapped = [sidecars[0], {...sidecars[1], kzgProof: proofs[0]}];
    assert.equal(codeOf(() => verifyBlobSidecarsForBlock(root, commitments, swapped)), DataAvailabilityErrorCode.INVALID_KZG_PROOF);
    const wrongIndex = [sidecars[0], {...sidecars[1], kzgCommitment: commitments[0]}];
    assert.equal(codeOf(() => verifyBlobSidecarsForBlock(root, commitments, wrongIndex)), DataAvailabilityErrorCode.INVALID_INCLUSION_PROOF);
    assert.equal(codeOf(() => verifyBlobSidecarsForBlock(root, commitments, [sidecars[0]])), DataAvailabilityErrorCode.INVALID_SIDECAR);
  });

  it("a supernode with exactly 64 of 128 columns recovers the rest, keeps all 128 and offers the 64 it rebuilt", async () => {
    const da = new DataAvailability({config, store: new MemorySidecarStore(), currentSlot: () => 9, custody: {nodeId: 1n, supernode: true}});
    const root = rootOf(block);
    assert.equal(await da.checkAvailability("fulu", root, block), null, "nothing yet");
    for (const c of columns.filter((c) => c.index < 64)) da.addDataColumnSidecar(c);
    const got = await da.checkAvailability("fulu", root, block);
    assert.ok(got !== null && got.kind === "columns");
    assert.equal(got.origin, "recovered");
    assert.equal(got.sidecars.length, 128);
    assert.deepEqual(
      got.built.map((c) => c.index),
      Array.from({length: 64}, (_, i) => 64 + i)
    );
    assert.deepEqual(got.sidecars[100].column, columns[100].column);
    assert.deepEqual(got.sidecars[100].kzgProofs, columns[100].kzgProofs);
    await da.onBlockImported(got);
    assert.equal((await da.getDataColumnSidecars(root)).length, 128);
  });
});
