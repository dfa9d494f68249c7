// Checks of blob and data column sidecars: the spec's predicates (fulu p2p-interface.md
// verify_data_column_sidecar*, deneb verify_blob_sidecar_inclusion_proof) and, for the availability
// check, one call per block that throws a typed DataAvailabilityError naming what was wrong. KZG proofs
// are verified in one batch per block: a batch costs little more than a single proof.
import {KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH, NUMBER_OF_COLUMNS} from "@hearth/params";
import {deneb, fulu, phase0} from "@hearth/types";
import {bytesEqual, getBlobParameters, toHex, type ChainConfig} from "@hearth/config";
import {isValidMerkleBranch, util} from "@hearth/state-transition";
import {verifyBlobSidecarInclusionProof} from "../validation/blobSidecar.js";
import {verifyBlobKzgProofBatch, verifyCellKzgProofBatch} from "./kzg.js";
import {BLOB_KZG_COMMITMENTS_GINDEX, type SignedBlockHeader} from "./sidecars.js";
import {DataAvailabilityError, DataAvailabilityErrorCode} from "./errors.js";


const BODY_DEPTH = Math.floor(Math.log2(BLOB_KZG_COMMITMENTS_GINDEX));
const COMMITMENTS_SUBTREE_INDEX = BLOB_KZG_COMMITMENTS_GINDEX - 2 ** BODY_DEPTH;

/** verify_data_column_sidecar (fulu p2p-interface.md) */
export function verifyDataColumnSidecar(config: ChainConfig, sidecar: fulu.DataColumnSidecar): boolean {
  if (sidecar.index >= NUMBER_OF_COLUMNS) return false;
  // A sidecar for zero blobs is invalid
  if (sidecar.kzgCommitments.length === 0) return false;
  const epoch = util.computeEpochAtSlot(sidecar.signedBlockHeader.message.slot);
  if (sidecar.kzgCommitments.length > getBlobParameters(config, epoch).maxBlobsPerBlock) return false;
  return sidecar.column.length === sidecar.kzgCommitments.length && sidecar.column.length === sidecar.kzgProofs.length;
}

/** verify_data_column_sidecar_kzg_proofs (fulu p2p-interface.md); malformed points throw. */
export function verifyDataColumnSidecarKzgProofs(sidecar: fulu.DataColumnSidecar): boolean {
  return verifyDataColumnSidecarsKzgProofs([sidecar]);
}

/**
 * verify_data_column_sidecar_kzg_proofs of many sidecars as one verify_cell_kzg_proof_batch: true iff
 * every sidecar's would be. The column index is the cell index of every cell in the column.
 */
export function verifyDataColumnSidecarsKzgProofs(sidecars: fulu.DataColumnSidecar[]): boolean {
  const commitments: Uint8Array[] = [];
  const cellIndices: number[] = [];
  const cells: Uint8Array[] = [];
  const proofs: Uint8Array[] = [];
  for (const sidecar of sidecars) {
    if (sidecar.column.length !== sidecar.kzgCommitments.length || sidecar.column.length !== sidecar.kzgProofs.length) return false;
    for (let i = 0; i < sidecar.column.length; i++) {
      commitments.push(sidecar.kzgCommitments[i]);
      cellIndices.push(sidecar.index);
      cells.push(sidecar.column[i]);
      proofs.push(sidecar.kzgProofs[i]);
    }
  }
  if (cells.length === 0) return true;
  return verifyCellKzgProofBatch(commitments, cellIndices, cells, proofs);
}

/** verify_data_column_sidecar_inclusion_proof (fulu p2p-interface.md) */
export function verifyDataColumnSidecarInclusionProof(sidecar: fulu.DataColumnSidecar): boolean {
  return isValidMerkleBranch(
    fulu.DataColumnSidecar.fields.kzgCommitments.hashTreeRoot(sidecar.kzgCommitments),
    sidecar.kzgCommitmentsInclusionProof,
    KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH,
    COMMITMENTS_SUBTREE_INDEX,
    sidecar.signedBlockHeader.message.bodyRoot
  );
}

/** hash_tree_root of a sidecar's block header: the root of the block it belongs to. */
export function sidecarBlockRoot(sidecar: {signedBlockHeader: SignedBlockHeader}): Uint8Array {
  return phase0.BeaconBlockHeader.hashTreeRoot(sidecar.signedBlockHeader.message);
}

function kzgSafe(fn: () => boolean, detail: Record<string, unknown>): void {
  let ok: boolean;
  try {
    ok = fn();
  } catch (e) {
    // c-kzg throws on a malformed point: the data is as invalid as a failing proof.
    throw new DataAvailabilityError(DataAvailabilityErrorCode.INVALID_KZG_PROOF, {...detail, reason: (e as Error).message});
  }
  if (!ok) throw new DataAvailabilityError(DataAvailabilityErrorCode.INVALID_KZG_PROOF, detail);
}

/**
 * deneb is_data_available with retrieve_blobs_and_proofs answered by sidecars: one sidecar per
 * commitment of the block, each of this block, carrying that commitment, with a valid inclusion proof,
 * and the blobs verified with one verify_blob_kzg_proof_batch. Throws a DataAvailabilityError.
 */
export function verifyBlobSidecarsForBlock(blockRoot: Uint8Array, commitments: Uint8Array[], sidecars: deneb.BlobSidecar[]): void {
  const root = toHex(blockRoot);
  const byIndex = [...sidecars].sort((a, b) => a.index - b.index);
  if (byIndex.length !== commitments.length || byIndex.some((s, i) => s.index !== i)) {
    throw new DataAvailabilityError(DataAvailabilityErrorCode.INVALID_SIDECAR, {root, commitments: commitments.length, indices: byIndex.map((s) => s.index)});
  }
  for (const sidecar of byIndex) {
    if (!bytesEqual(sidecarBlockRoot(sidecar), blockRoot)) throw new DataAvailabilityError(DataAvailabilityErrorCode.HEADER_MISMATCH, {root, index: sidecar.index});
    if (!bytesEqual(sidecar.kzgCommitment, commitments[sidecar.index]) || !verifyBlobSidecarInclusionProof(sidecar)) {
      throw new DataAvailabilityError(DataAvailabilityErrorCode.INVALID_INCLUSION_PROOF, {root, index: sidecar.index});
    }
  }
  kzgSafe(
    () => verifyBlobKzgProofBatch(byIndex.map((s) => s.blob), byIndex.map((s) => s.kzgCommitment), byIndex.map((s) => s.kzgProof)),
    {root, blobs: byIndex.length}
  );
}

/**
 * fulu is_data_available over the columns at hand: each sidecar of this block, carrying the block's
 * commitments, passing verify_data_column_sidecar, and all cell proofs in one batch. Which columns are
 * required (custody) is the caller's question. Throws a DataAvailabilityError.
 */
export function verifyColumnSidecarsForBlock(config: ChainConfig, blockRoot: Uint8Array, commitments: Uint8Array[], sidecars: fulu.DataColumnSidecar[]): void {
  const root = toHex(blockRoot);
  const commitmentsRoot = fulu.DataColumnSidecar.fields.kzgCommitments.hashTreeRoot(commitments);
  for (const sidecar of sidecars) {
    if (!verifyDataColumnSidecar(config, sidecar)) throw new DataAvailabilityError(DataAvailabilityErrorCode.INVALID_SIDECAR, {root, index: sidecar.index});
    if (!bytesEqual(sidecarBlockRoot(sidecar), blockRoot)) throw new DataAvailabilityError(DataAvailabilityErrorCode.HEADER_MISMATCH, {root, index: sidecar.index});
    const sameCommitments = bytesEqual(fulu.DataColumnSidecar.fields.kzgCommitments.hashTreeRoot(sidecar.kzgCommitments), commitmentsRoot);
    if (!sameCommitments || !verifyDataColumnSidecarInclusionProof(sidecar)) {
      throw new DataAvailabilityError(DataAvailabilityErrorCode.INVALID_INCLUSION_PROOF, {root, index: sidecar.index});
    }
  }
  kzgSafe(() => verifyDataColumnSidecarsKzgProofs(sidecars), {root, columns: sidecars.length});
}

