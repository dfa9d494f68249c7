// beacon_block: validate_beacon_block_gossip (phase0, bellatrix, capella, deneb, electra and fulu
// p2p-interface.md, the fulu form being the latest: payload timestamp, parent payload status, and
// the blob-commitment limit from get_blob_parameters).
import {DOMAIN_BEACON_PROPOSER, ForkSeq, SLOTS_PER_EPOCH} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import {computeSigningRoot, createForkSchedule, getMaxBlobsPerBlock, toHex, type ChainConfig, type ForkSchedule} from "@hearth/config";
import {computeTimeAtSlot, util, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {Type} from "@chainsafe/ssz";
import {gossipIgnore, gossipReject} from "./errors.js";
import {isNotFromFutureSlot, type GossipValidationContext} from "./context.js";

const schedules = new WeakMap<ChainConfig, ForkSchedule>();
/** The fork schedule of a config, built once. */
export function forkScheduleOf(config: ChainConfig): ForkSchedule {
  let s = schedules.get(config);
  if (s === undefined) schedules.set(config, (s = createForkSchedule(config)));
  return s;
}

export async function validateGossipBlock(ctx: GossipValidationContext, signedBlock: SignedBeaconBlockAllForks, currentTimeMs = ctx.currentTimeMs()): Promise<void> {
  const block = signedBlock.message;
  const state = ctx.headState();
  const fork = forkScheduleOf(ctx.config).forkAtEpoch(util.computeEpochAtSlot(block.slot));

  // [IGNORE] The block is not from a future slot.
  if (!isNotFromFutureSlot(ctx, block.slot, currentTimeMs)) gossipIgnore("block is from a future slot");
  // [IGNORE] The block is from a slot greater than the latest finalized slot.
  const finalized = ctx.finalizedCheckpoint();
  if (block.slot <= finalized.epoch * SLOTS_PER_EPOCH) gossipIgnore("block is not from a slot greater than the latest finalized slot");
  // [IGNORE] The block is the first block with valid signature received for the proposer for the slot.
  const seenKey = String(block.proposerIndex);
  if (ctx.seen.proposerSlots.has(block.slot, seenKey)) gossipIgnore("block is not the first valid block for this proposer and slot");
  // [REJECT] The proposer index is a valid validator index.
  if (block.proposerIndex >= state.state.validators.length) gossipReject("proposer index out of range");
  // [REJECT] The proposer signature is valid.
  const domain = util.getDomain(state.state, DOMAIN_BEACON_PROPOSER, util.computeEpochAtSlot(block.slot));
  const blockType = sszTypesFor(fork).BeaconBlock as unknown as Type<typeof block>;
  const signingRoot = computeSigningRoot(blockType, block, domain);
  const pubkey = state.epochCtx.pubkeyCache.getPubkey(block.proposerIndex);
  if (!(await ctx.verifySignatureSets([{kind: "single", pubkey, signingRoot, signature: signedBlock.signature}]))) {
    gossipReject("invalid proposer signature");
  }
  // [IGNORE] The block's parent has been seen.
  const parentRoot = toHex(block.parentRoot);
  const parentSlot = ctx.getBlockSlot(parentRoot);
  if (parentSlot === null) gossipIgnore("block's parent has not been seen");
  // [REJECT] (bellatrix+) The execution payload timestamp is correct with respect to the slot.
  const body = block.body as {executionPayload?: {timestamp: number; blockHash: Uint8Array}};
  if (body.executionPayload !== undefined && isExecutionEnabled(fork, body.executionPayload.blockHash)) {
    if (body.executionPayload.timestamp !== computeTimeAtSlot(ctx.config, state.state, block.slot)) gossipReject("incorrect execution payload timestamp");
  }
  // Parent validity, with fulu's payload-status distinction.
  const parentPayloadStatus = ctx.getPayloadStatus(parentRoot);
  if (!ctx.isBlockValid(parentRoot)) {
    if (parentPayloadStatus === "NOT_VALIDATED") gossipReject("block's parent is invalid and its payload is optimistic");
    gossipIgnore("block's parent is invalid and its payload is processed");
  }
  if (parentPayloadStatus === "INVALIDATED") gossipIgnore("block's parent is valid and its payload is invalid");
  // [REJECT] The block is from a higher slot than its parent.
  if (block.slot <= parentSlot) gossipReject("block is not from a higher slot than its parent");
  // [REJECT] The current finalized checkpoint is an ancestor of the block.
  if (ctx.getCheckpointBlock(parentRoot, finalized.epoch) !== finalized.root) gossipReject("finalized checkpoint is not an ancestor of block");
  // [REJECT] (deneb+) The number of KZG commitments is within the limit (fulu: get_blob_parameters of the head state's epoch).
  const commitments = (block.body as {blobKzgCommitments?: Uint8Array[]}).blobKzgCommitments;
  if (commitments !== undefined) {
    const limitEpoch = ForkSeq[fork] >= ForkSeq.fulu ? util.getCurrentEpoch(state.state) : util.computeEpochAtSlot(block.slot);
    if (commitments.length > getMaxBlobsPerBlock(ctx.config, limitEpoch)) gossipReject("too many blob kzg commitments");
  }
  // [REJECT] The block is proposed by the expected proposer (IGNORE when the shuffling is not available).
  const preState = await ctx.getPreState(parentRoot, block.slot);
  if (preState === null) gossipIgnore("proposer shuffling not available");
  if (block.proposerIndex !== util.getBeaconProposerIndex(preState)) {
    gossipReject("block proposer_index does not match expected proposer");
  }
  ctx.seen.proposerSlots.add(block.slot, seenKey);
}

/** is_execution_enabled for gossip: always from capella; in bellatrix once a payload is non-default. */
function isExecutionEnabled(fork: keyof typeof ForkSeq, blockHash: Uint8Array): boolean {
  if (ForkSeq[fork] >= ForkSeq.capella) return true;
  return blockHash.some((b) => b !== 0);
}
