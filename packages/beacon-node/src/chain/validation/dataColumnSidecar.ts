// data_column_sidecar_{subnet_id} (fulu p2p-interface.md validate_data_column_sidecar_gossip), in the
// spec's order: the first failing check decides IGNORE or REJECT. Every column of a block repeats its
// header and commitments, so a verified proposer signature and inclusion proof are remembered (the
// cache the spec's note allows); the cell proofs of the column go to c-kzg as one batch.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {fulu, phase0} from "@hearth/types";
import {toHex} from "@hearth/config";
import {createHash} from "node:crypto";
import {verifyDataColumnSidecar, verifyDataColumnSidecarInclusionProof, verifyDataColumnSidecarsKzgProofs} from "../dataAvailability/verify.js";
import {gossipIgnore, gossipReject} from "./errors.js";
import type {GossipValidationContext} from "./context.js";
import {checkHeaderParent, checkHeaderProposer, checkHeaderSlotAndProposerIndex, proposerSignatureSet} from "./sidecarHeader.js";

export type DataColumnSidecar = fulu.DataColumnSidecar;

/** fulu p2p-interface.md compute_subnet_for_data_column_sidecar */
export function computeSubnetForDataColumnSidecar(ctx: Pick<GossipValidationContext, "config">, columnIndex: number): number {
  return columnIndex % ctx.config.DATA_COLUMN_SIDECAR_SUBNET_COUNT;
}

/** verify_data_column_sidecar_kzg_proofs; a malformed point (c-kzg throws) is as invalid as a failing proof. */
function kzgProofsValid(sidecar: DataColumnSidecar): boolean {
  try {
    return verifyDataColumnSidecarsKzgProofs([sidecar]);
  } catch {
    return false;
  }
}

function inclusionProofKey(headerRoot: string, sidecar: DataColumnSidecar): string {
  const h = createHash("sha256");
  h.update(fulu.DataColumnSidecar.fields.kzgCommitments.hashTreeRoot(sidecar.kzgCommitments));
  for (const node of sidecar.kzgCommitmentsInclusionProof) h.update(node);
  return `${headerRoot}:${h.digest("hex")}`;
}

export async function validateGossipDataColumnSidecar(
  ctx: GossipValidationContext,
  sidecar: DataColumnSidecar,
  subnetId: number,
  currentTimeMs = ctx.currentTimeMs()
): Promise<void> {
  const header = sidecar.signedBlockHeader.message;
  // [IGNORE] The sidecar is the first sidecar for the tuple (block_header.slot, block_header.proposer_index, sidecar.index).
  const tupleKey = `${header.proposerIndex}:${sidecar.index}`;
  if (ctx.seen.dataColumnSidecarTuples.has(header.slot, tupleKey)) gossipIgnore("already seen sidecar from this proposer for this slot and index");
  // [REJECT] The sidecar is valid as verified by verify_data_column_sidecar.
  if (!verifyDataColumnSidecar(ctx.config, sidecar)) gossipReject("invalid sidecar");
  // [REJECT] The sidecar is for the correct subnet.
  if (computeSubnetForDataColumnSidecar(ctx, sidecar.index) !== subnetId) gossipReject("sidecar is for wrong subnet");
  // [IGNORE] The sidecar is not from a future slot, and from a slot greater than the latest finalized
  // slot. [REJECT] The proposer index is a valid validator index.
  const finalized = ctx.finalizedCheckpoint();
  const state = checkHeaderSlotAndProposerIndex(ctx, header, finalized.epoch * SLOTS_PER_EPOCH, currentTimeMs, "sidecar");
  // [REJECT] The proposer signature of sidecar.signed_block_header is valid.
  const headerRoot = toHex(phase0.BeaconBlockHeader.hashTreeRoot(header));
  const headerKey = `${headerRoot}:${toHex(sidecar.signedBlockHeader.signature)}`;
  if (!ctx.seen.validSidecarHeaders.has(header.slot, headerKey)) {
    if (!(await ctx.verifySignatureSets([proposerSignatureSet(state, sidecar.signedBlockHeader)]))) gossipReject("invalid proposer signature on sidecar block header");
    ctx.seen.validSidecarHeaders.add(header.slot, headerKey);
  }
  // [IGNORE] The sidecar's block's parent has been seen. [REJECT] It passes validation, the sidecar is
  // from a higher slot than it, and the current finalized_checkpoint is an ancestor of the sidecar's block.
  const parentRoot = checkHeaderParent(ctx, header, finalized, "sidecar");
  // [REJECT] The sidecar is valid as verified by verify_data_column_sidecar_inclusion_proof.
  const proofKey = inclusionProofKey(headerRoot, sidecar);
  if (!ctx.seen.validSidecarInclusionProofs.has(header.slot, proofKey)) {
    if (!verifyDataColumnSidecarInclusionProof(sidecar)) gossipReject("invalid sidecar inclusion proof");
    ctx.seen.validSidecarInclusionProofs.add(header.slot, proofKey);
  }
  // [REJECT] The sidecar is valid as verified by verify_data_column_sidecar_kzg_proofs.
  if (!kzgProofsValid(sidecar)) gossipReject("invalid sidecar kzg proofs");
  // [REJECT] The sidecar is proposed by the expected proposer_index (IGNORE when the shuffling is not available).
  await checkHeaderProposer(ctx, parentRoot, header, "sidecar");
  // A concurrent copy may have passed the checks meanwhile: the tuple is taken once.
  if (ctx.seen.dataColumnSidecarTuples.has(header.slot, tupleKey)) gossipIgnore("already seen sidecar from this proposer for this slot and index");
  ctx.seen.dataColumnSidecarTuples.add(header.slot, tupleKey);
}
