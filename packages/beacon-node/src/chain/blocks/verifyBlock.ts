// Everything the import pipeline checks before a block may touch fork choice: the cheap checks
// against fork choice and the clock, the pre-state, the proposer, one batch of every signature,
// the state transition, data availability and the execution engine's verdict. Nothing here changes
// the chain; a failure is a BlockError.
import {ForkSeq, type ForkName} from "@hearth/params";
import {toHex, bytesEqual} from "@hearth/config";
import {verifySignatureSets} from "@hearth/bls";
import {
  cloneCachedState,
  getBlockSignatureSets,
  isExecutionEnabled,
  kzgCommitmentToVersionedHash,
  processBlock as processBlockBody,
  processJustificationAndFinalization,
  util,
  type CachedBeaconState,
  type SignedBeaconBlockAllForks,
} from "@hearth/state-transition";
import {ExecutionStatus, type Checkpoint, type ProtoBlock} from "@hearth/fork-choice";
import type {electra} from "@hearth/types";
import {ExecutionPayloadStatus, type ExecutionPayload} from "../../execution/interface.js";
import {BlockError, BlockErrorCode, errorMessage} from "../errors.js";
import {blockType} from "../anchor.js";
import type {BeaconChain} from "../chain.js";
import type {ImportBlockOpts} from "./importBlock.js";
import {checkDataAvailability, type AvailableData} from "../dataAvailability/index.js";

const {computeStartSlotAtEpoch, getBeaconProposerIndex} = util;
const ZERO_HASH_HEX = "0x" + "00".repeat(32);

export interface VerifiedBlock {
  signedBlock: SignedBeaconBlockAllForks;
  fork: ForkName;
  blockRoot: Uint8Array;
  blockRootHex: string;
  /** The parent's post-state advanced to the block's slot (committees of the block's attestations). */
  preState: CachedBeaconState;
  postState: CachedBeaconState;
  protoBlock: ProtoBlock;
  /** The sidecars that made the block's data available, stored once the block is imported. */
  availableData: AvailableData;
}

/** The body fields the pipeline reads, any fork. */
interface BodyFields {
  executionPayload?: ExecutionPayload;
  blobKzgCommitments?: Uint8Array[];
  executionRequests?: electra.ExecutionRequests;
}

function checkpointOf(cp: {epoch: number; root: Uint8Array}): Checkpoint {
  return {epoch: cp.epoch, root: toHex(cp.root)};
}

/** hash_tree_root of the block, by the type of the fork its slot is in. */
export function computeBlockRoot(chain: BeaconChain, block: SignedBeaconBlockAllForks["message"]): Uint8Array {
  return blockType(chain.forkAtSlot(block.slot)).hashTreeRoot(block);
}

export async function verifyBlock(chain: BeaconChain, signedBlock: SignedBeaconBlockAllForks, opts: ImportBlockOpts): Promise<VerifiedBlock> {
  const block = signedBlock.message;
  const fork = chain.forkAtSlot(block.slot);
  const blockRoot = computeBlockRoot(chain, block);
  const blockRootHex = toHex(blockRoot);
  const parentRootHex = toHex(block.parentRoot);
  const fc = chain.forkChoice;

  // Cheap checks first: nothing below them is worth doing for a block that fails one.
  if (fc.hasBlock(blockRootHex)) throw new BlockError(BlockErrorCode.ALREADY_KNOWN, {root: blockRootHex, slot: block.slot});
  const finalizedSlot = computeStartSlotAtEpoch(fc.finalizedCheckpoint.epoch);
  if (block.slot <= finalizedSlot) throw new BlockError(BlockErrorCode.WOULD_REVERT_FINALIZED_SLOT, {slot: block.slot, finalizedSlot});
  chain.tickForkChoice();
  const currentSlot = chain.clock.currentSlot;
  if (block.slot > currentSlot) throw new BlockError(BlockErrorCode.FUTURE_SLOT, {slot: block.slot, currentSlot});
  // A parent earlier in the same chain segment is not in fork choice yet (importSegment.ts).
  const parent = opts.segmentParent?.blockRoot === parentRootHex ? opts.segmentParent : fc.getBlock(parentRootHex);
  if (parent === undefined) throw new BlockError(BlockErrorCode.PARENT_UNKNOWN, {parentRoot: parentRootHex, slot: block.slot});
  if (parent.executionStatus === ExecutionStatus.Invalid) throw new BlockError(BlockErrorCode.PARENT_INVALID, {parentRoot: parentRootHex});
  if (block.slot <= parent.slot) throw new BlockError(BlockErrorCode.NOT_LATER_THAN_PARENT, {slot: block.slot, parentSlot: parent.slot});
  if (!parent.finalizedDescendant) throw new BlockError(BlockErrorCode.NOT_FINALIZED_DESCENDANT, {parentRoot: parentRootHex});

  let preState: CachedBeaconState;
  try {
    preState = await chain.regen.getPreState(parentRootHex, block.slot);
  } catch (e) {
    throw new BlockError(BlockErrorCode.PRESTATE_MISSING, {parentRoot: parentRootHex, reason: errorMessage(e)});
  }
  if (preState.fork !== fork) throw new BlockError(BlockErrorCode.STATE_TRANSITION_ERROR, {reason: `a ${fork} block on a ${preState.fork} state`});
  const expectedProposer = getBeaconProposerIndex(preState);
  if (block.proposerIndex !== expectedProposer) {
    throw new BlockError(BlockErrorCode.INCORRECT_PROPOSER, {proposerIndex: block.proposerIndex, expected: expectedProposer});
  }

  if (!opts.validSignatures) {
    let sets;
    try {
      sets = getBlockSignatureSets(preState, signedBlock);
    } catch (e) {
      // the block names a validator or committee the state does not have: it cannot be valid
      throw new BlockError(BlockErrorCode.STATE_TRANSITION_ERROR, {reason: errorMessage(e)});
    }
    if (opts.signatureSets !== undefined) {
      // A chain segment verifies its blocks' sets itself, alongside the transitions (importSegment.ts).
      opts.signatureSets.push(...sets);
    } else {
      // One batch for the whole block, on the worker pool when the node has one.
      const valid = chain.blsVerifier ? await chain.blsVerifier.verifySignatureSets(sets) : verifySignatureSets(sets);
      if (!valid) throw new BlockError(BlockErrorCode.INVALID_SIGNATURE, {root: blockRootHex, sets: sets.length});
    }
  }

  const body = block.body as unknown as BodyFields;

  // state_transition with the slots already processed: process_block, then the state root check.
  const postState = cloneCachedState(preState);
  try {
    processBlockBody(postState, block, {verifySignatures: false});
  } catch (e) {
    throw new BlockError(BlockErrorCode.STATE_TRANSITION_ERROR, {root: blockRootHex, reason: errorMessage(e)});
  }
  const stateRoot = postState.state.hashTreeRoot();
  if (!bytesEqual(stateRoot, block.stateRoot)) {
    throw new BlockError(BlockErrorCode.INVALID_STATE_ROOT, {root: blockRootHex, expected: toHex(stateRoot), actual: toHex(block.stateRoot)});
  }

  // deneb/fulu fork-choice.md on_block: assert is_data_available(...), after the transition so an
  // invalid block costs no KZG work (chain/dataAvailability; throws DATA_UNAVAILABLE, block kept pending).
  // The pending cache keeps these opts for a later import: without a segment's signature collector,
  // so that a block waiting for its data is verified in full when it comes.
  const daOpts: ImportBlockOpts = {source: opts.source, validSignatures: opts.validSignatures && opts.signatureSets === undefined, dataAvailable: opts.dataAvailable};
  const availableData = await checkDataAvailability(chain.dataAvailability, fork, blockRoot, blockRootHex, signedBlock, daOpts);

  const executionStatus = await verifyPayload(chain, fork, preState, block, body, opts);
  const payloadHash = executionStatus === ExecutionStatus.PreMerge ? null : toHex((body.executionPayload as ExecutionPayload).blockHash);

  // compute_pulled_up_tip: the post-state's justification as the next epoch boundary would set it
  const pulledUp = cloneCachedState(postState);
  processJustificationAndFinalization(pulledUp);
  const protoBlock: ProtoBlock = {
    slot: block.slot,
    blockRoot: blockRootHex,
    parentRoot: parentRootHex,
    stateRoot: toHex(block.stateRoot),
    proposerIndex: block.proposerIndex,
    justified: checkpointOf(postState.state.currentJustifiedCheckpoint),
    finalized: checkpointOf(postState.state.finalizedCheckpoint),
    unrealizedJustified: checkpointOf(pulledUp.state.currentJustifiedCheckpoint),
    unrealizedFinalized: checkpointOf(pulledUp.state.finalizedCheckpoint),
    executionStatus,
    executionPayloadBlockHash: payloadHash === ZERO_HASH_HEX ? null : payloadHash,
  };
  return {signedBlock, fork, blockRoot, blockRootHex, preState, postState, protoBlock, availableData};
}

/**
 * verify_and_notify_new_payload through the engine (bellatrix+, once execution is enabled): VALID
 * imports as valid, SYNCING/ACCEPTED optimistically, INVALID rejects the block (and, by
 * latestValidHash, the invalid ancestors in fork choice).
 */
async function verifyPayload(
  chain: BeaconChain,
  fork: ForkName,
  preState: CachedBeaconState,
  block: SignedBeaconBlockAllForks["message"],
  body: BodyFields,
  opts: ImportBlockOpts
): Promise<ExecutionStatus> {
  const seq = ForkSeq[fork];
  if (seq < ForkSeq.bellatrix || body.executionPayload === undefined) return ExecutionStatus.PreMerge;
  if (!isExecutionEnabled(preState, body as Parameters<typeof isExecutionEnabled>[1])) return ExecutionStatus.PreMerge;
  const engine = chain.executionEngine;
  if (engine === null) throw new BlockError(BlockErrorCode.EXECUTION_ENGINE_ERROR, {reason: "no execution engine configured"});
  const versionedHashes = seq >= ForkSeq.deneb ? (body.blobKzgCommitments ?? []).map(kzgCommitmentToVersionedHash) : undefined;
  let status;
  try {
    status = await engine.notifyNewPayload(
      fork,
      body.executionPayload,
      versionedHashes,
      seq >= ForkSeq.deneb ? block.parentRoot : undefined,
      seq >= ForkSeq.electra ? body.executionRequests : undefined
    );
  } catch (e) {
    // A block already imported once (DB replay) stays importable while the engine catches up.
    if (opts.source === "db") return ExecutionStatus.Syncing;
    throw new BlockError(BlockErrorCode.EXECUTION_ENGINE_ERROR, {reason: errorMessage(e)});
  }
  switch (status.status) {
    case ExecutionPayloadStatus.VALID:
      return ExecutionStatus.Valid;
    case ExecutionPayloadStatus.SYNCING:
    case ExecutionPayloadStatus.ACCEPTED:
      return ExecutionStatus.Syncing;
    case ExecutionPayloadStatus.INVALID:
      if (status.latestValidHash !== null) {
        try {
          chain.forkChoice.onPayloadVerdict({
            status: ExecutionStatus.Invalid,
            latestValidHash: toHex(status.latestValidHash),
            invalidateFromBlockRoot: toHex(block.parentRoot),
            fromParent: true,
          });
        } catch (e) {
          chain.logger.warn("Engine verdict contradicts an earlier one", {error: errorMessage(e)});
        }
      }
      throw new BlockError(BlockErrorCode.EXECUTION_PAYLOAD_INVALID, {status: status.status, validationError: status.validationError});
    default:
      throw new BlockError(BlockErrorCode.EXECUTION_PAYLOAD_INVALID, {status: status.status, validationError: status.validationError});
  }
}
