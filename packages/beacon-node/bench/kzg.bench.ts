// npm run bench (packages/beacon-node): the data-availability KZG costs a fulu node pays per block.
// - verifying the cell proofs of every column (128 columns' cells) of a block with 6 and with 21 blobs,
//   as one verify_cell_kzg_proof_batch (what a supernode does per block);
// - recover_matrix from exactly 50% of the columns (64) of the same blocks.
// One JSON line per case: {"name", "ms" (mean per op), "ops_per_s", "runs", "cells"}.
import {sszTypesFor} from "@hearth/types";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {getDataColumnSidecarsFromBlock, kzg, recoverMatrix, verifyDataColumnSidecarsKzgProofs} from "../src/chain/index.js";
import {mockBlobBytes} from "../src/execution/index.js";

// Proof generation for the fixtures is FK20 work: the precompute tables make it about twice as fast
// and verification and recovery do not read them.
kzg.loadKzg(8);

function blockWith(commitments: Uint8Array[]): SignedBeaconBlockAllForks {
  const signed = sszTypesFor("fulu").SignedBeaconBlock.defaultValue();
  signed.message.slot = 1;
  signed.message.body.blobKzgCommitments = commitments;
  return signed as unknown as SignedBeaconBlockAllForks;
}

function fixture(blobCount: number) {
  const blobs = Array.from({length: blobCount}, (_, i) => mockBlobBytes("hearth-bench", i));
  const commitments = blobs.map((b) => kzg.blobToKzgCommitment(b));
  const matrix = blobs.map((b) => kzg.computeCellsAndKzgProofs(b));
  return {blobCount, columns: getDataColumnSidecarsFromBlock("fulu", blockWith(commitments), matrix), matrix};
}

function run(name: string, minRuns: number, minMs: number, fn: () => void, extra: Record<string, unknown>): void {
  fn(); // warm-up
  let runs = 0;
  const start = performance.now();
  while (runs < minRuns || performance.now() - start < minMs) {
    fn();
    runs++;
  }
  const ms = (performance.now() - start) / runs;
  console.log(JSON.stringify({name, ms: Number(ms.toFixed(2)), ops_per_s: Number((1000 / ms).toFixed(3)), runs, ...extra}));
}

for (const blobCount of [6, 21]) {
  const {columns, matrix} = fixture(blobCount);
  run(`verify cell proofs, ${blobCount} blobs x 128 columns`, 3, 2000, () => {
    if (!verifyDataColumnSidecarsKzgProofs(columns)) throw new Error("fixture failed verification");
  }, {cells: blobCount * 128});
  const half = columns.filter((c) => c.index % 2 === 0);
  run(`recover_matrix from 64 of 128 columns, ${blobCount} blobs`, 1, 1000, () => {
    const recovered = recoverMatrix(half, blobCount);
    if (!Buffer.from(recovered[blobCount - 1].cells[127]).equals(Buffer.from(matrix[blobCount - 1].cells[127]))) throw new Error("recovery mismatch");
  }, {cells: blobCount * 128});
}
