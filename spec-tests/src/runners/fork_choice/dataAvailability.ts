// is_data_available as the vectors feed it (fork_choice/README.md "on_block execution step"): deneb's
// blobs and proofs, fulu's column sidecars. The structural checks are made here; a KZG proof check is
// beyond this runner (no KZG library in the repo), so a case that needs one fails as unsupported.
import {BYTES_PER_FIELD_ELEMENT, FIELD_ELEMENTS_PER_BLOB, NUMBER_OF_COLUMNS} from "@hearth/params";
import {fulu} from "@hearth/types";
import {getBlobParameters, type ChainConfig} from "@hearth/config";
import {util} from "@hearth/state-transition";
import type {CaseId} from "../../types.js";
import {readSszSnappy} from "../../util/files.js";

/** Thrown when a case needs what this runner cannot do: it fails the case whatever the step expected. */
export class UnsupportedError extends Error {}

const BYTES_PER_BLOB = BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_BLOB;

export interface BlobDataStep {
  blobs?: string;
  proofs?: string[];
  columns?: string[];
}

/** deneb is_data_available: verify_blob_kzg_proof_batch(retrieve_blobs_and_proofs(root), commitments). */
export function isBlobDataAvailable(c: CaseId, step: BlobDataStep, commitments: Uint8Array[]): boolean {
  // Without blob data in the step, retrieve_blobs_and_proofs returns empty lists.
  const blobCount = step.blobs === undefined ? 0 : readSszSnappy(c.dir, step.blobs).length / BYTES_PER_BLOB;
  const proofCount = step.proofs?.length ?? 0;
  // verify_blob_kzg_proof_batch asserts equal lengths: a mismatch is an invalid call
  if (blobCount !== commitments.length || proofCount !== commitments.length) return false;
  if (blobCount === 0) return true;
  throw new UnsupportedError("verify_blob_kzg_proof_batch: KZG proof verification is not implemented");
}

/** fulu is_data_available: each sidecar passes verify_data_column_sidecar and its KZG proofs. */
export function isColumnDataAvailable(c: CaseId, config: ChainConfig, step: BlobDataStep): boolean {
  // An empty list means "not enough columns sampled": retrieve_column_sidecars raises.
  if (step.columns !== undefined && step.columns.length === 0) return false;
  const sidecars = (step.columns ?? []).map((name) => fulu.DataColumnSidecar.deserialize(readSszSnappy(c.dir, name)));
  // The spec's all() interleaves the two checks per sidecar; both are pure, and a KZG check can only
  // turn true into false, so one structurally bad sidecar decides the result before any KZG check.
  if (!sidecars.every((sidecar) => verifyDataColumnSidecar(config, sidecar))) return false;
  if (sidecars.length > 0) throw new UnsupportedError("verify_data_column_sidecar_kzg_proofs: KZG cell proof verification is not implemented");
  return true;
}

/** verify_data_column_sidecar (fulu p2p-interface.md) */
function verifyDataColumnSidecar(config: ChainConfig, sidecar: fulu.DataColumnSidecar): boolean {
  if (sidecar.index >= NUMBER_OF_COLUMNS) return false;
  if (sidecar.kzgCommitments.length === 0) return false;
  const epoch = util.computeEpochAtSlot(sidecar.signedBlockHeader.message.slot);
  if (sidecar.kzgCommitments.length > getBlobParameters(config, epoch).maxBlobsPerBlock) return false;
  return sidecar.column.length === sidecar.kzgCommitments.length && sidecar.column.length === sidecar.kzgProofs.length;
}
