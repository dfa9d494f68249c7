// is_data_available as the vectors feed it (fork_choice/README.md "on_block execution step"): deneb's
// blobs and proofs, fulu's column sidecars. The step's files stand in for retrieve_blobs_and_proofs and
// retrieve_column_sidecars; the checks on what they return are the spec's, with c-kzg for the KZG math.
import {ListCompositeType} from "@chainsafe/ssz";
import {MAX_BLOB_COMMITMENTS_PER_BLOCK, NUMBER_OF_COLUMNS} from "@hearth/params";
import {Blob, fulu} from "@hearth/types";
import {getBlobParameters, type ChainConfig} from "@hearth/config";
import {util} from "@hearth/state-transition";
import type {CaseId} from "../../types.js";
import {fromHex, readSszSnappy} from "../../util/files.js";
import {ensureTrustedSetup, verifyBlobKzgProofBatch, verifyCellKzgProofBatch} from "../../util/kzg.js";

/** Thrown when a case needs what this runner cannot do: it fails the case whatever the step expected. */
export class UnsupportedError extends Error {}

/** The blobs file of a step: `List[Blob, MAX_BLOB_COMMITMENTS_PER_BLOCK]` (fork_choice/README.md). */
const BlobList = new ListCompositeType(Blob, MAX_BLOB_COMMITMENTS_PER_BLOCK);

export interface BlobDataStep {
  blobs?: string;
  proofs?: string[];
  columns?: string[];
}

/** deneb is_data_available: verify_blob_kzg_proof_batch(retrieve_blobs_and_proofs(root), commitments). */
export function isBlobDataAvailable(c: CaseId, step: BlobDataStep, commitments: Uint8Array[]): boolean {
  // Without blob data in the step, retrieve_blobs_and_proofs returns empty lists.
  const blobs = step.blobs === undefined ? [] : BlobList.deserialize(readSszSnappy(c.dir, step.blobs));
  const proofs = (step.proofs ?? []).map(fromHex);
  loadTrustedSetup();
  return verifyBlobKzgProofBatch(blobs, commitments, proofs);
}

/**
 * fulu is_data_available: every sidecar passes verify_data_column_sidecar and
 * verify_data_column_sidecar_kzg_proofs, checked in that order per sidecar as the spec's all() does.
 * The inclusion proof is a gossip check (p2p-interface.md), not part of is_data_available.
 */
export function isColumnDataAvailable(c: CaseId, config: ChainConfig, step: BlobDataStep): boolean {
  // An empty list means "not enough columns sampled": retrieve_column_sidecars raises.
  if (step.columns !== undefined && step.columns.length === 0) throw new Error("retrieve_column_sidecars: columns not available");
  const sidecars = (step.columns ?? []).map((name) => fulu.DataColumnSidecar.deserialize(readSszSnappy(c.dir, name)));
  if (sidecars.length > 0) loadTrustedSetup();
  return sidecars.every((sidecar) => verifyDataColumnSidecar(config, sidecar) && verifyDataColumnSidecarKzgProofs(sidecar));
}

/** verify_data_column_sidecar (fulu p2p-interface.md) */
function verifyDataColumnSidecar(config: ChainConfig, sidecar: fulu.DataColumnSidecar): boolean {
  if (sidecar.index >= NUMBER_OF_COLUMNS) return false;
  // A sidecar for zero blobs is invalid
  if (sidecar.kzgCommitments.length === 0) return false;
  const epoch = util.computeEpochAtSlot(sidecar.signedBlockHeader.message.slot);
  if (sidecar.kzgCommitments.length > getBlobParameters(config, epoch).maxBlobsPerBlock) return false;
  return sidecar.column.length === sidecar.kzgCommitments.length && sidecar.column.length === sidecar.kzgProofs.length;
}

/** verify_data_column_sidecar_kzg_proofs (fulu p2p-interface.md) */
function verifyDataColumnSidecarKzgProofs(sidecar: fulu.DataColumnSidecar): boolean {
  // The column index is also the cell index of every cell in the column
  const cellIndices = sidecar.column.map(() => sidecar.index);
  return verifyCellKzgProofBatch(sidecar.kzgCommitments, cellIndices, sidecar.column, sidecar.kzgProofs);
}

/**
 * The trusted setup is the runner's environment, not the block's data: a failure to load it must fail
 * the case, never pass as an expected "unavailable".
 */
function loadTrustedSetup(): void {
  try {
    ensureTrustedSetup();
  } catch (e) {
    throw new UnsupportedError(`KZG trusted setup could not be loaded: ${(e as Error).message}`);
  }
}
