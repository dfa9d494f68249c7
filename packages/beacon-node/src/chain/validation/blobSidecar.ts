// blob_sidecar_{subnet_id} (deneb and electra p2p-interface.md, validate_blob_sidecar_gossip;
// deprecated in fulu, where data columns replace it).
import {ForkSeq, KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, MAX_BLOB_COMMITMENTS_PER_BLOCK, SLOTS_PER_EPOCH} from "@hearth/params";
import {deneb, ssz} from "@hearth/types";
import {getMaxBlobsPerBlock} from "@hearth/config";
import {isValidMerkleBranch, util} from "@hearth/state-transition";
import type {ValueOf} from "@chainsafe/ssz";
import {gossipIgnore, gossipReject} from "./errors.js";
import type {GossipValidationContext} from "./context.js";
import {checkHeaderParent, checkHeaderProposer, checkHeaderSlotAndProposerIndex, proposerSignatureSet} from "./sidecarHeader.js";
import {forkScheduleOf} from "./block.js";

export type BlobSidecar = ValueOf<typeof deneb.BlobSidecar>;

/** The field index of blob_kzg_commitments in BeaconBlockBody (deneb and electra) and the body's depth. */
const COMMITMENTS_FIELD_INDEX = 11;
const BODY_DEPTH = 4;

/** deneb p2p-interface.md verify_blob_sidecar_inclusion_proof */
export function verifyBlobSidecarInclusionProof(sidecar: BlobSidecar): boolean {
  // get_subtree_index(get_generalized_index(BeaconBlockBody, 'blob_kzg_commitments', index)):
  // field node, then the list's data root (left child of the length mix-in), then the element.
  const listDepth = Math.log2(MAX_BLOB_COMMITMENTS_PER_BLOCK);
  const subtreeIndex = (COMMITMENTS_FIELD_INDEX * 2) * 2 ** listDepth + sidecar.index;
  if (BODY_DEPTH + 1 + listDepth !== KZG_COMMITMENT_INCLUSION_PROOF_DEPTH) return false;
  return isValidMerkleBranch(
    ssz.KZGCommitment.hashTreeRoot(sidecar.kzgCommitment),
    sidecar.kzgCommitmentInclusionProof,
    KZG_COMMITMENT_INCLUSION_PROOF_DEPTH,
    subtreeIndex,
    sidecar.signedBlockHeader.message.bodyRoot
  );
}

/** deneb validator.md compute_subnet_for_blob_sidecar */
export function computeSubnetForBlobSidecar(ctx: GossipValidationContext, blobIndex: number, slot: number): number {
  const electra = ForkSeq[forkScheduleOf(ctx.config).forkAtEpoch(util.computeEpochAtSlot(slot))] >= ForkSeq.electra;
  return blobIndex % (electra ? ctx.config.BLOB_SIDECAR_SUBNET_COUNT_ELECTRA : ctx.config.BLOB_SIDECAR_SUBNET_COUNT);
}

export async function validateGossipBlobSidecar(ctx: GossipValidationContext, sidecar: BlobSidecar, subnetId: number, currentTimeMs = ctx.currentTimeMs()): Promise<void> {
  const header = sidecar.signedBlockHeader.message;
  if (sidecar.index >= getMaxBlobsPerBlock(ctx.config, util.computeEpochAtSlot(header.slot))) gossipReject("blob index out of range");
  if (computeSubnetForBlobSidecar(ctx, sidecar.index, header.slot) !== subnetId) gossipReject("blob sidecar is for wrong subnet");
  const finalized = ctx.finalizedCheckpoint();
  const state = checkHeaderSlotAndProposerIndex(ctx, header, finalized.epoch * SLOTS_PER_EPOCH, currentTimeMs, "blob sidecar");
  if (!(await ctx.verifySignatureSets([proposerSignatureSet(state, sidecar.signedBlockHeader)]))) gossipReject("invalid proposer signature on blob sidecar block header");
  const parentRoot = checkHeaderParent(ctx, header, finalized, "blob sidecar");
  if (!verifyBlobSidecarInclusionProof(sidecar)) gossipReject("invalid blob sidecar inclusion proof");
  // Without a KZG setup the blob cannot be judged: IGNORE (never forwarded unchecked, never a false penalty).
  if (ctx.verifyBlobKzgProof === undefined) gossipIgnore("KZG verification not available");
  if (!ctx.verifyBlobKzgProof(sidecar.blob, sidecar.kzgCommitment, sidecar.kzgProof)) gossipReject("invalid blob kzg proof");
  const key = `${header.proposerIndex}:${sidecar.index}`;
  if (ctx.seen.blobSidecarTuples.has(header.slot, key)) gossipIgnore("already seen blob sidecar from this proposer for this slot and index");
  await checkHeaderProposer(ctx, parentRoot, header, "blob sidecar");
  ctx.seen.blobSidecarTuples.add(header.slot, key);
}
