// The KZG functions the specs call as `kzg.*` (deneb/polynomial-commitments.md, and the cell functions
// of fulu's polynomial-commitments-sampling.md, now in cryptography-specs), backed by c-kzg with the
// mainnet trusted setup it bundles. The minimal preset shares that setup: FIELD_ELEMENTS_PER_BLOB is 4096
// in both presets.
import ckzg from "c-kzg";

/**
 * c-kzg's `precompute` is the window size (0–15) of tables it builds for the fixed-base MSM of FK20
 * cell-proof *generation*; verification never reads them. Tables cost ~96 MiB at 8 bits and doubling per
 * bit, so a verifier loads none.
 */
const PRECOMPUTE = 0;

let loaded = false;

/** Loads the bundled mainnet trusted setup on first use; the native library keeps it for the process. */
export function ensureTrustedSetup(): void {
  if (loaded) return;
  ckzg.loadTrustedSetup(PRECOMPUTE);
  loaded = true;
}

/**
 * verify_blob_kzg_proof_batch (deneb/polynomial-commitments.md): true iff every blob matches its
 * commitment under its proof. Unequal lengths and malformed points are the spec's assertion failures,
 * so they throw.
 */
export function verifyBlobKzgProofBatch(blobs: Uint8Array[], commitmentsBytes: Uint8Array[], proofsBytes: Uint8Array[]): boolean {
  if (blobs.length !== commitmentsBytes.length || blobs.length !== proofsBytes.length) {
    throw new Error("verify_blob_kzg_proof_batch: blobs, commitments and proofs differ in length");
  }
  ensureTrustedSetup();
  return ckzg.verifyBlobKzgProofBatch(blobs, commitmentsBytes, proofsBytes);
}

/**
 * verify_cell_kzg_proof_batch (fulu polynomial-commitments-sampling.md): true iff each cell is the
 * evaluation at its cell index of the blob its commitment commits to, under its proof. Unequal lengths,
 * an out-of-range cell index and malformed points are assertion failures, so they throw.
 */
export function verifyCellKzgProofBatch(
  commitmentsBytes: Uint8Array[],
  cellIndices: number[],
  cells: Uint8Array[],
  proofsBytes: Uint8Array[]
): boolean {
  if (commitmentsBytes.length !== cellIndices.length || cells.length !== cellIndices.length || proofsBytes.length !== cellIndices.length) {
    throw new Error("verify_cell_kzg_proof_batch: commitments, cell indices, cells and proofs differ in length");
  }
  if (cellIndices.some((i) => !Number.isInteger(i) || i < 0 || i >= ckzg.CELLS_PER_EXT_BLOB)) {
    throw new Error("verify_cell_kzg_proof_batch: cell index out of range");
  }
  ensureTrustedSetup();
  return ckzg.verifyCellKzgProofBatch(commitmentsBytes, cellIndices, cells, proofsBytes);
}
