// is_data_available as the vectors feed it (fork_choice/README.md "on_block execution step"): deneb's
// blobs and proofs, fulu's column sidecars. The step's files stand in for retrieve_blobs_and_proofs and
// retrieve_column_sidecars; the checks on what they return are the spec's, with c-kzg for the KZG math.
import {ListCompositeType} from "@chainsafe/ssz";
import {MAX_BLOB_COMMITMENTS_PER_BLOCK} from "@hearth/params";
import {Blob, fulu} from "@hearth/types";
import type {ChainConfig} from "@hearth/config";
import {kzg, verifyDataColumnSidecar, verifyDataColumnSidecarKzgProofs} from "@hearth/beacon-node";
import type {CaseId} from "../../types.js";
import {fromHex, readSszSnappy} from "../../util/files.js";

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
  return kzg.verifyBlobKzgProofBatch(blobs, commitments, proofs);
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

/**
 * The trusted setup is the runner's environment, not the block's data: a failure to load it must fail
 * the case, never pass as an expected "unavailable".
 */
function loadTrustedSetup(): void {
  try {
    kzg.ensureTrustedSetup();
  } catch (e) {
    throw new UnsupportedError(`KZG trusted setup could not be loaded: ${(e as Error).message}`);
  }
}
