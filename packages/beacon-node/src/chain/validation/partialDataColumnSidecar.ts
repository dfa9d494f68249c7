// Partial data column messages (fulu/partial-columns/p2p-interface.md,
// validate_partial_data_column_sidecar_gossip): a header and/or some cells of one column. The header
// is validated once per block and remembered in `seen`; cells are checked against the remembered
// header's commitments. The wire side (gossipsub's partial-message extension) is not in our
// gossipsub yet: this is the validation the spec defines, run by the spec tests.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {fulu, phase0} from "@hearth/types";
import {bytesEqual, toHex} from "@hearth/config";
import type {ValueOf} from "@chainsafe/ssz";
import {verifyCellKzgProofBatch} from "../dataAvailability/kzg.js";
import {verifyDataColumnSidecarInclusionProof} from "../dataAvailability/verify.js";
import {gossipIgnore, gossipReject} from "./errors.js";
import {isNotFromFutureSlot, type GossipValidationContext} from "./context.js";
import {checkHeaderParent, checkHeaderProposer, checkHeaderSlotAndProposerIndex, proposerSignatureSet} from "./sidecarHeader.js";

export type PartialDataColumnSidecar = ValueOf<typeof fulu.PartialDataColumnSidecar>;
export type PartialDataColumnHeader = ValueOf<typeof fulu.PartialDataColumnHeader>;
export type PartialDataColumnGroupID = ValueOf<typeof fulu.PartialDataColumnGroupID>;

/** verify_partial_data_column_header_inclusion_proof: the same branch as a full sidecar's. */
export function verifyPartialDataColumnHeaderInclusionProof(header: PartialDataColumnHeader): boolean {
  return verifyDataColumnSidecarInclusionProof(header as unknown as fulu.DataColumnSidecar);
}

/** verify_partial_data_column_sidecar_kzg_proofs; a malformed point (c-kzg throws) is an invalid proof. */
export function verifyPartialDataColumnSidecarKzgProofs(sidecar: PartialDataColumnSidecar, allCommitments: Uint8Array[], columnIndex: number): boolean {
  const blobIndices: number[] = [];
  for (let i = 0; i < sidecar.cellsPresentBitmap.bitLen; i++) if (sidecar.cellsPresentBitmap.get(i)) blobIndices.push(i);
  if (blobIndices.length === 0) return true;
  try {
    return verifyCellKzgProofBatch(
      blobIndices.map((i) => allCommitments[i]),
      blobIndices.map(() => columnIndex),
      sidecar.partialColumn,
      sidecar.kzgProofs
    );
  } catch {
    return false;
  }
}

export async function validateGossipPartialDataColumnSidecar(
  ctx: GossipValidationContext,
  sidecar: PartialDataColumnSidecar,
  groupId: PartialDataColumnGroupID,
  columnIndex: number,
  currentTimeMs = ctx.currentTimeMs()
): Promise<void> {
  const groupRoot = toHex(groupId.beaconBlockRoot);
  const hasHeader = sidecar.header.length === 1;
  const numCellsPresent = sidecar.cellsPresentBitmap.getTrueBitIndexes().length;
  const hasCells = numCellsPresent > 0;
  if (!(hasHeader || hasCells)) gossipReject("partial message is semantically empty");
  if (sidecar.partialColumn.length !== numCellsPresent) gossipReject("number of cells does not match number of set bits");
  if (sidecar.kzgProofs.length !== numCellsPresent) gossipReject("number of proofs does not match number of set bits");
  const finalized = ctx.finalizedCheckpoint();
  const finalizedSlot = finalized.epoch * SLOTS_PER_EPOCH;

  if (hasHeader) {
    const header = sidecar.header[0];
    const blockHeader = header.signedBlockHeader.message;
    const prior = ctx.seen.partialDataColumnHeaders.get(groupRoot);
    if (prior !== undefined && !bytesEqual(fulu.PartialDataColumnHeader.hashTreeRoot(prior.header), fulu.PartialDataColumnHeader.hashTreeRoot(header))) {
      gossipReject("header differs from previously validated header");
    }
    if (!bytesEqual(phase0.BeaconBlockHeader.hashTreeRoot(blockHeader), groupId.beaconBlockRoot)) gossipReject("header's block root does not match group id's block root");
    if (header.kzgCommitments.length === 0) gossipReject("header's kzg_commitments is empty");
    const state = checkHeaderSlotAndProposerIndex(ctx, blockHeader, finalizedSlot, currentTimeMs, "header");
    if (!(await ctx.verifySignatureSets([proposerSignatureSet(state, header.signedBlockHeader)]))) gossipReject("invalid proposer signature on header");
    const parentRoot = checkHeaderParent(ctx, blockHeader, finalized, "header");
    if (!verifyPartialDataColumnHeaderInclusionProof(header)) gossipReject("invalid header inclusion proof");
    await checkHeaderProposer(ctx, parentRoot, blockHeader, "header");
    ctx.seen.partialDataColumnHeaders.set(groupRoot, {slot: blockHeader.slot, header});
  }

  if (hasCells) {
    const seen = ctx.seen.partialDataColumnHeaders.get(groupRoot);
    if (seen === undefined) gossipIgnore("valid corresponding header has not been seen");
    const {header} = seen;
    const blockHeader = header.signedBlockHeader.message;
    if (!isNotFromFutureSlot(ctx, blockHeader.slot, currentTimeMs)) gossipIgnore("corresponding header is from a future slot");
    if (blockHeader.slot <= finalizedSlot) gossipIgnore("corresponding header is not from a slot greater than the latest finalized slot");
    if (sidecar.cellsPresentBitmap.bitLen !== header.kzgCommitments.length) gossipReject("bitmap length does not match commitments length");
    if (!verifyPartialDataColumnSidecarKzgProofs(sidecar, header.kzgCommitments, columnIndex)) gossipReject("invalid sidecar kzg proofs");
  }
}
