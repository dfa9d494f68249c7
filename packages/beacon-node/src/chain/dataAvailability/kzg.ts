// The KZG functions the specs call as `kzg.*` (deneb polynomial-commitments.md, and the cell functions
// of fulu's polynomial-commitments-sampling.md, now in cryptography-specs), backed by c-kzg with the
// mainnet trusted setup it bundles. The minimal preset shares that setup: FIELD_ELEMENTS_PER_BLOB is
// 4096 in both presets. The node, its mock execution engine and the spec-test runners all call this
// one module, so the setup is loaded once per process.
import ckzg from "c-kzg";

export const CELLS_PER_EXT_BLOB: number = ckzg.CELLS_PER_EXT_BLOB;
export const BYTES_PER_BLOB: number = ckzg.BYTES_PER_BLOB;
export const BYTES_PER_CELL: number = ckzg.BYTES_PER_CELL;

/**
 * c-kzg's `precompute` is the window size (0–15) of tables it builds for the fixed-base MSM of FK20
 * cell-proof *generation*; verification and recovery of cells never read them. Tables cost ~96 MiB at
 * 8 bits and double per bit, so a verifier loads none; a node that builds many proofs may ask for 8
 * by calling loadKzg(8) before anything else touches KZG.
 */
const DEFAULT_PRECOMPUTE = 0;

let loadedPrecompute: number | null = null;

/**
 * Loads the bundled mainnet trusted setup once per process (c-kzg keeps it natively and cannot load it
 * twice): the first caller's `precompute` wins. Returns the precompute in force.
 */
export function loadKzg(precompute = DEFAULT_PRECOMPUTE): number {
  if (loadedPrecompute !== null) return loadedPrecompute;
  ckzg.loadTrustedSetup(precompute);
  loadedPrecompute = precompute;
  return precompute;
}

/** Loads the setup with the default (verification-only) tables if nothing loaded it yet. */
export function ensureTrustedSetup(): void {
  loadKzg();
}

/** blob_to_kzg_commitment (deneb polynomial-commitments.md) */
export function blobToKzgCommitment(blob: Uint8Array): Uint8Array {
  ensureTrustedSetup();
  return ckzg.blobToKzgCommitment(blob);
}

/** compute_kzg_proof (deneb polynomial-commitments.md): the proof and y = p(z) of the blob's polynomial at z. */
export function computeKzgProof(blob: Uint8Array, z: Uint8Array): {proof: Uint8Array; y: Uint8Array} {
  ensureTrustedSetup();
  const [proof, y] = ckzg.computeKzgProof(blob, z);
  return {proof, y};
}

/** verify_kzg_proof (deneb polynomial-commitments.md): the point evaluation p(z) = y; malformed inputs throw. */
export function verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean {
  ensureTrustedSetup();
  return ckzg.verifyKzgProof(commitment, z, y, proof);
}

/** compute_blob_kzg_proof (deneb polynomial-commitments.md) */
export function computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array {
  ensureTrustedSetup();
  return ckzg.computeBlobKzgProof(blob, commitment);
}

/** verify_blob_kzg_proof (deneb polynomial-commitments.md); malformed points throw. */
export function verifyBlobKzgProof(blob: Uint8Array, commitment: Uint8Array, proof: Uint8Array): boolean {
  ensureTrustedSetup();
  return ckzg.verifyBlobKzgProof(blob, commitment, proof);
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

/** compute_cells (fulu validator.md): the CELLS_PER_EXT_BLOB cells of the extended blob, no proofs. */
export function computeCells(blob: Uint8Array): Uint8Array[] {
  ensureTrustedSetup();
  return ckzg.computeCells(blob);
}

/** compute_cells_and_kzg_proofs (fulu das-core.md): every cell of the extended blob and its proof. */
export function computeCellsAndKzgProofs(blob: Uint8Array): {cells: Uint8Array[]; proofs: Uint8Array[]} {
  ensureTrustedSetup();
  const [cells, proofs] = ckzg.computeCellsAndKzgProofs(blob);
  return {cells, proofs};
}

/**
 * recover_cells_and_kzg_proofs (fulu das-core.md): all cells and proofs of an extended blob from at
 * least half of its cells. Fewer cells, duplicate or out-of-range indices throw.
 */
export function recoverCellsAndKzgProofs(cellIndices: number[], cells: Uint8Array[]): {cells: Uint8Array[]; proofs: Uint8Array[]} {
  if (cellIndices.length !== cells.length) throw new Error("recover_cells_and_kzg_proofs: cell indices and cells differ in length");
  ensureTrustedSetup();
  const [allCells, proofs] = ckzg.recoverCellsAndKzgProofs(cellIndices, cells);
  return {cells: allCells, proofs};
}

/**
 * verify_cell_kzg_proof_batch (fulu polynomial-commitments-sampling.md): true iff each cell is the
 * evaluation at its cell index of the blob its commitment commits to, under its proof. Unequal lengths,
 * an out-of-range cell index and malformed points are assertion failures, so they throw.
 */
export function verifyCellKzgProofBatch(commitmentsBytes: Uint8Array[], cellIndices: number[], cells: Uint8Array[], proofsBytes: Uint8Array[]): boolean {
  if (commitmentsBytes.length !== cellIndices.length || cells.length !== cellIndices.length || proofsBytes.length !== cellIndices.length) {
    throw new Error("verify_cell_kzg_proof_batch: commitments, cell indices, cells and proofs differ in length");
  }
  if (cellIndices.some((i) => !Number.isInteger(i) || i < 0 || i >= CELLS_PER_EXT_BLOB)) {
    throw new Error("verify_cell_kzg_proof_batch: cell index out of range");
  }
  ensureTrustedSetup();
  return ckzg.verifyCellKzgProofBatch(commitmentsBytes, cellIndices, cells, proofsBytes);
}
