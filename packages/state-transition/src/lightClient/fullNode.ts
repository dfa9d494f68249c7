// The full node's side of light-client/full-node.md (altair, capella, deneb): light-client headers
// from blocks, Merkle proofs into states and bodies, and the bootstrap and updates built from them.
import {createProof, ProofType, type Node, type SingleProof} from "@chainsafe/persistent-merkle-tree";
import {EXECUTION_PAYLOAD_GINDEX, MIN_SYNC_COMMITTEE_PARTICIPANTS, ForkSeq, type ForkName} from "@hearth/params";
import {phase0, sszTypesFor} from "@hearth/types";
import {computeEpochAtSlot} from "../util/epoch.js";
import {bytesEqual} from "../util/bytes.js";
import {
  computeSyncCommitteePeriodAtSlot,
  currentSyncCommitteeGindexAtSlot,
  finalizedRootGindexAtSlot,
  lightClientForkAtSlot,
  nextSyncCommitteeGindexAtSlot,
  sumBits,
  type LightClientConfig,
} from "./helpers.js";
import {
  lightClientForkOf,
  lightClientTypesFor,
  type LightClientBootstrap,
  type LightClientFinalityUpdate,
  type LightClientFork,
  type LightClientHeader,
  type LightClientOptimisticUpdate,
  type LightClientUpdate,
  type SyncAggregate,
  type SyncCommittee,
} from "./types.js";
import {LightClientError, LightClientErrorCode} from "./errors.js";

/** A block with the fork whose containers it is held in. */
export interface ForkedBlock {
  fork: ForkName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  message: any;
}

/** A tree-backed state view with the fork of its container: what proofs are cut from. */
export interface ForkedState {
  fork: ForkName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  state: any;
}

/** compute_merkle_proof: the sibling roots from the leaf at `gindex` up to the root of `node`. */
export function computeMerkleProof(node: Node, gindex: number): Uint8Array[] {
  const proof = createProof(node, {type: ProofType.single, gindex: BigInt(gindex)}) as SingleProof;
  return proof.witnesses;
}

/** A tree-backed state's root node, with pending changes committed first. */
function stateNode(state: ForkedState): Node {
  state.state.commit();
  return state.state.node as Node;
}

/** hash_tree_root(block.message.body) */
export function blockBodyRoot(block: ForkedBlock): Uint8Array {
  return sszTypesFor(block.fork).BeaconBlockBody.hashTreeRoot(block.message.body as never);
}

/** The root of a block (its BeaconBlockHeader's), from the message. */
export function blockRoot(block: ForkedBlock): Uint8Array {
  return sszTypesFor(block.fork).BeaconBlock.hashTreeRoot(block.message as never);
}

/**
 * block_to_light_client_header (deneb's), held in the containers of `to` (default: the block's own
 * light-client fork). Blocks before capella carry no execution data, as the spec's note explains.
 */
export function blockToLightClientHeader(config: LightClientConfig, block: ForkedBlock, to: LightClientFork = lightClientForkOf(block.fork)): LightClientHeader {
  const m = block.message;
  const beacon: phase0.BeaconBlockHeader = {
    slot: m.slot,
    proposerIndex: m.proposerIndex,
    parentRoot: m.parentRoot,
    stateRoot: m.stateRoot,
    bodyRoot: blockBodyRoot(block),
  };
  const types = lightClientTypesFor(to);
  if (!types.ExecutionPayloadHeader || !types.ExecutionBranch) return {beacon};

  const execution = types.ExecutionPayloadHeader.defaultValue() as Record<string, unknown>;
  let executionBranch = types.ExecutionBranch.defaultValue() as Uint8Array[];
  const epoch = computeEpochAtSlot(m.slot);
  if (epoch >= config.forkEpoch("capella") && ForkSeq[block.fork] >= ForkSeq.capella) {
    const payload = m.body.executionPayload;
    const payloadType = sszTypesFor(block.fork as "capella").ExecutionPayload as unknown as {fields: Record<string, {hashTreeRoot(v: unknown): Uint8Array}>};
    for (const key of Object.keys(execution)) {
      if (key === "transactionsRoot") execution[key] = payloadType.fields.transactions.hashTreeRoot(payload.transactions);
      else if (key === "withdrawalsRoot") execution[key] = payloadType.fields.withdrawals.hashTreeRoot(payload.withdrawals);
      // deneb's blob gas only from deneb's epoch on
      else if ((key === "blobGasUsed" || key === "excessBlobGas") && epoch < config.forkEpoch("deneb")) continue;
      else if (key in payload) execution[key] = payload[key];
    }
    const bodyType = sszTypesFor(block.fork).BeaconBlockBody as unknown as {toView(v: unknown): {node: Node}};
    executionBranch = computeMerkleProof(bodyType.toView(m.body).node, EXECUTION_PAYLOAD_GINDEX);
  }
  return {beacon, execution, executionBranch};
}

/** The header of a state's latest block with the state's own root filled in: the block's header. */
export function stateBlockHeader(state: ForkedState): phase0.BeaconBlockHeader {
  const header = state.state.latestBlockHeader.toValue() as phase0.BeaconBlockHeader;
  return {...header, stateRoot: state.state.hashTreeRoot()};
}

/** The root of the block a state is the post-state of (state.slot == latest_block_header.slot). */
export function stateBlockRoot(state: ForkedState): Uint8Array {
  return phase0.BeaconBlockHeader.hashTreeRoot(stateBlockHeader(state));
}

export function currentSyncCommitteeBranch(config: LightClientConfig, state: ForkedState): Uint8Array[] {
  return computeMerkleProof(stateNode(state), currentSyncCommitteeGindexAtSlot(config, state.state.slot));
}

export function nextSyncCommitteeBranch(config: LightClientConfig, state: ForkedState): Uint8Array[] {
  return computeMerkleProof(stateNode(state), nextSyncCommitteeGindexAtSlot(config, state.state.slot));
}

export function finalityBranch(config: LightClientConfig, state: ForkedState): Uint8Array[] {
  return computeMerkleProof(stateNode(state), finalizedRootGindexAtSlot(config, state.state.slot));
}

function assertPostStateOf(state: ForkedState, block: ForkedBlock, what: string): void {
  if (state.state.slot !== state.state.latestBlockHeader.slot) {
    throw new LightClientError(LightClientErrorCode.INVALID_HEADER, `${what}: state at slot ${state.state.slot} is not a block's immediate post-state`);
  }
  if (!bytesEqual(stateBlockRoot(state), blockRoot(block))) {
    throw new LightClientError(LightClientErrorCode.INVALID_HEADER, `${what}: state is not the post-state of the block`);
  }
}

/** create_light_client_bootstrap: from a post-altair block and its immediate post-state. */
export function createLightClientBootstrap(config: LightClientConfig, state: ForkedState, block: ForkedBlock): LightClientBootstrap {
  if (ForkSeq[state.fork] < ForkSeq.altair) throw new LightClientError(LightClientErrorCode.INVALID_HEADER, "bootstrap before altair");
  assertPostStateOf(state, block, "bootstrap");
  return {
    header: blockToLightClientHeader(config, block),
    currentSyncCommittee: state.state.currentSyncCommittee.toValue() as SyncCommittee,
    currentSyncCommitteeBranch: currentSyncCommitteeBranch(config, state),
  };
}

export interface LightClientUpdateInputs {
  /** post-state of `block` */
  state: ForkedState;
  block: ForkedBlock;
  /** post-state of `attestedBlock`, the parent of `block` */
  attestedState: ForkedState;
  attestedBlock: ForkedBlock;
  /** the block of attested_state.finalized_checkpoint.root, when available */
  finalizedBlock: ForkedBlock | null;
}

/**
 * create_light_client_update: the update `block`'s sync aggregate makes for its parent, in the
 * containers of the attested block's fork.
 */
export function createLightClientUpdate(config: LightClientConfig, inputs: LightClientUpdateInputs): LightClientUpdate {
  const {state, block, attestedState, attestedBlock, finalizedBlock} = inputs;
  if (ForkSeq[attestedState.fork] < ForkSeq.altair) throw new LightClientError(LightClientErrorCode.INVALID_HEADER, "attested state before altair");
  const syncAggregate = block.message.body.syncAggregate as SyncAggregate;
  const participants = sumBits({syncAggregate});
  if (participants < MIN_SYNC_COMMITTEE_PARTICIPANTS) throw new LightClientError(LightClientErrorCode.NOT_ENOUGH_PARTICIPANTS, `${participants} participants`);
  assertPostStateOf(state, block, "update");
  assertPostStateOf(attestedState, attestedBlock, "attested");
  if (!bytesEqual(blockRoot(attestedBlock), block.message.parentRoot)) {
    throw new LightClientError(LightClientErrorCode.INVALID_HEADER, "attested block is not the block's parent");
  }
  const fork = lightClientForkAtSlot(config, attestedBlock.message.slot);
  const types = lightClientTypesFor(fork);
  const signaturePeriod = computeSyncCommitteePeriodAtSlot(block.message.slot);
  const attestedPeriod = computeSyncCommitteePeriodAtSlot(attestedBlock.message.slot);

  const update = types.LightClientUpdate.defaultValue() as LightClientUpdate;
  update.attestedHeader = blockToLightClientHeader(config, attestedBlock, fork);
  // next_sync_committee is only useful if the message is signed by the current sync committee
  if (attestedPeriod === signaturePeriod) {
    update.nextSyncCommittee = attestedState.state.nextSyncCommittee.toValue() as SyncCommittee;
    update.nextSyncCommitteeBranch = nextSyncCommitteeBranch(config, attestedState);
  }
  // Indicate finality whenever possible
  if (finalizedBlock !== null) {
    const finalizedCheckpointRoot = attestedState.state.finalizedCheckpoint.root as Uint8Array;
    if (finalizedBlock.message.slot !== 0) {
      update.finalizedHeader = blockToLightClientHeader(config, finalizedBlock, fork);
      if (!bytesEqual(phase0.BeaconBlockHeader.hashTreeRoot(update.finalizedHeader.beacon), finalizedCheckpointRoot)) {
        throw new LightClientError(LightClientErrorCode.INVALID_FINALIZED_HEADER, "finalized block is not the attested state's finalized checkpoint");
      }
    } else if (!finalizedCheckpointRoot.every((b) => b === 0)) {
      throw new LightClientError(LightClientErrorCode.INVALID_FINALIZED_HEADER, "genesis finalized block, but the checkpoint root is not zero");
    }
    update.finalityBranch = finalityBranch(config, attestedState);
  }
  update.syncAggregate = syncAggregate;
  update.signatureSlot = block.message.slot;
  return update;
}

/** create_light_client_finality_update */
export function createLightClientFinalityUpdate(update: LightClientUpdate): LightClientFinalityUpdate {
  return {
    attestedHeader: update.attestedHeader,
    finalizedHeader: update.finalizedHeader,
    finalityBranch: update.finalityBranch,
    syncAggregate: update.syncAggregate,
    signatureSlot: update.signatureSlot,
  };
}

/** create_light_client_optimistic_update */
export function createLightClientOptimisticUpdate(update: Pick<LightClientUpdate, "attestedHeader" | "syncAggregate" | "signatureSlot">): LightClientOptimisticUpdate {
  return {attestedHeader: update.attestedHeader, syncAggregate: update.syncAggregate, signatureSlot: update.signatureSlot};
}
