// The spec's Store for the fork_choice and sync vectors: @hearth/fork-choice for the tree and votes,
// plus what it leaves to its caller — block states, checkpoint states (store_target_checkpoint_state),
// the state transition, pulled-up checkpoints and the mock engine's payload statuses.
import {ForkSeq, type ForkName} from "@hearth/params";
import {sszTypesFor, type phase0} from "@hearth/types";
import type {ChainConfig} from "@hearth/config";
import {
  cloneCachedState,
  isMergeTransitionBlock,
  processJustificationAndFinalization,
  processSlots,
  stateTransition,
  util,
  type BeaconStateBellatrix,
  type CachedBeaconState,
  type SignedBeaconBlockAllForks,
} from "@hearth/state-transition";
import {
  ExecutionStatus,
  ForkChoice,
  getJustifiedBalances,
  validateMergeBlock,
  type Checkpoint,
  type PowBlock,
  type ProtoBlock,
  type RootHex,
} from "@hearth/fork-choice";
import type {Type} from "@chainsafe/ssz";
import {toHex} from "../../util/files.js";

/** engine_newPayload's answer as the vectors give it (on_payload_info). */
export interface PayloadStatus {
  status: "VALID" | "INVALID" | "SYNCING" | "ACCEPTED" | "INVALID_BLOCK_HASH";
  latestValidHash: RootHex | null;
}

type Block = SignedBeaconBlockAllForks["message"];
type Attestation = Parameters<typeof util.getIndexedAttestation>[1];
type IndexedAttestation = phase0.IndexedAttestation;

const ZERO_HASH = "0x" + "00".repeat(32);

function checkpointOf(cp: {epoch: number; root: Uint8Array}): Checkpoint {
  return {epoch: cp.epoch, root: toHex(cp.root)};
}

/** The payload's block hash, or null for a block without an execution payload (before the merge). */
function payloadHash(block: Block): RootHex | null {
  const payload = (block.body as {executionPayload?: {blockHash: Uint8Array}}).executionPayload;
  if (payload === undefined) return null;
  const hash = toHex(payload.blockHash);
  return hash === ZERO_HASH ? null : hash;
}

export class SpecStore {
  readonly fc: ForkChoice;
  readonly blockStates = new Map<RootHex, CachedBeaconState>();
  private readonly checkpointStates = new Map<string, CachedBeaconState>();
  readonly payloadStatuses = new Map<RootHex, PayloadStatus>();
  readonly powBlocks = new Map<RootHex, PowBlock>();

  constructor(
    readonly fork: ForkName,
    readonly config: ChainConfig,
    anchorState: CachedBeaconState,
    anchorBlock: Block,
    readonly verifySignatures: boolean
  ) {
    const types = sszTypesFor(fork) as unknown as {BeaconBlock: Type<Block>};
    // get_forkchoice_store
    if (toHex(anchorBlock.stateRoot) !== toHex(anchorState.state.hashTreeRoot())) throw new Error("anchor_block.state_root != hash_tree_root(anchor_state)");
    const anchorRoot = toHex(types.BeaconBlock.hashTreeRoot(anchorBlock));
    this.blockStates.set(anchorRoot, anchorState);
    const hash = payloadHash(anchorBlock);
    const anchorCheckpoint = {epoch: util.computeEpochAtSlot(anchorState.state.slot), root: anchorRoot};
    this.fc = new ForkChoice(
      config,
      {
        genesisTime: anchorState.state.genesisTime,
        stateSlot: anchorState.state.slot,
        block: {
          slot: anchorBlock.slot,
          blockRoot: anchorRoot,
          parentRoot: toHex(anchorBlock.parentRoot),
          stateRoot: toHex(anchorBlock.stateRoot),
          proposerIndex: anchorBlock.proposerIndex,
          // a trusted anchor's payload counts as VALID (optimistic.md "Checkpoint Sync")
          executionStatus: hash === null ? ExecutionStatus.PreMerge : ExecutionStatus.Valid,
          executionPayloadBlockHash: hash,
        },
        balances: getJustifiedBalances(this.checkpointState(anchorCheckpoint)),
      },
      {getJustifiedBalances: (cp) => getJustifiedBalances(this.checkpointState(cp))}
    );
  }

  /** store_target_checkpoint_state: the checkpoint block's state advanced to the epoch's start. */
  checkpointState(cp: Checkpoint): CachedBeaconState {
    const key = `${cp.epoch}:${cp.root}`;
    let state = this.checkpointStates.get(key);
    if (state === undefined) {
      const base = this.blockStates.get(cp.root);
      if (base === undefined) throw new Error(`no state for checkpoint block ${cp.root}`);
      state = cloneCachedState(base);
      const startSlot = util.computeStartSlotAtEpoch(cp.epoch);
      if (state.state.slot < startSlot) processSlots(state, startSlot);
      this.checkpointStates.set(key, state);
    }
    return state;
  }

  /**
   * on_block (each fork's version): the fork-choice checks, data availability, the state transition
   * with the mock engine, bellatrix's merge-block check, then the store update with the post-state's
   * checkpoints and the pulled-up ones. Throws when the block is invalid, leaving the store as it was.
   */
  onBlock(signed: SignedBeaconBlockAllForks, blockRoot: RootHex, isDataAvailable: () => boolean): void {
    const block = signed.message;
    if (this.fc.hasBlock(blockRoot)) return;
    const parentRoot = toHex(block.parentRoot);
    this.fc.validateBlock(block.slot, parentRoot);
    const pre = this.blockStates.get(parentRoot);
    if (pre === undefined) throw new Error(`no state for parent ${parentRoot}`);
    if (ForkSeq[this.fork] >= ForkSeq.deneb && !isDataAvailable()) throw new Error("is_data_available: false");

    const hash = payloadHash(block);
    const status = hash === null ? undefined : this.payloadStatuses.get(hash);
    let post: CachedBeaconState;
    try {
      post = stateTransition(pre, signed, {
        verifySignatures: this.verifySignatures,
        verifyProposer: this.verifySignatures,
        verifyStateRoot: true,
        executionEngine: {verifyAndNotifyNewPayload: () => status === undefined || !status.status.startsWith("INVALID")},
      });
    } catch (e) {
      // An INVALID payload also invalidates the parent's chain down from latestValidHash.
      if (status?.status === "INVALID" && status.latestValidHash !== null && this.fc.hasBlock(parentRoot)) {
        this.fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: status.latestValidHash, invalidateFromBlockRoot: parentRoot, fromParent: true});
      }
      throw e;
    }
    if (this.fork === "bellatrix" && isMergeTransitionBlock(pre.state as BeaconStateBellatrix, block.body as never)) {
      const parentHash = toHex((block.body as {executionPayload: {parentHash: Uint8Array}}).executionPayload.parentHash);
      validateMergeBlock(this.config, {slot: block.slot, payloadParentHash: parentHash}, (h) => this.powBlocks.get(h) ?? null);
    }

    // compute_pulled_up_tip: the post-state's justification as it would stand at the next epoch boundary
    const pulledUp = cloneCachedState(post);
    processJustificationAndFinalization(pulledUp);
    const protoBlock: ProtoBlock = {
      slot: block.slot,
      blockRoot,
      parentRoot,
      stateRoot: toHex(block.stateRoot),
      proposerIndex: block.proposerIndex,
      justified: checkpointOf(post.state.currentJustifiedCheckpoint),
      finalized: checkpointOf(post.state.finalizedCheckpoint),
      unrealizedJustified: checkpointOf(pulledUp.state.currentJustifiedCheckpoint),
      unrealizedFinalized: checkpointOf(pulledUp.state.finalizedCheckpoint),
      executionStatus:
        hash === null ? ExecutionStatus.PreMerge : status === undefined || status.status === "VALID" ? ExecutionStatus.Valid : ExecutionStatus.Syncing,
      executionPayloadBlockHash: hash,
    };
    this.blockStates.set(blockRoot, post);
    try {
      this.fc.onBlock(protoBlock);
    } catch (e) {
      this.blockStates.delete(blockRoot);
      throw e;
    }
  }

  /** on_attestation: validate_on_attestation, then the indexed attestation against the target checkpoint state. */
  onAttestation(attestation: Attestation, isFromBlock: boolean): void {
    const {data} = attestation;
    const input = {slot: data.slot, beaconBlockRoot: toHex(data.beaconBlockRoot), target: checkpointOf(data.target)};
    this.fc.validateOnAttestation(input, isFromBlock);
    const targetState = this.checkpointState(input.target);
    const indexed = util.getIndexedAttestation(targetState, attestation);
    if (!util.isValidIndexedAttestation(targetState, indexed, this.verifySignatures)) throw new Error("on_attestation: invalid indexed attestation");
    this.fc.onAttestation(input, indexed.attestingIndices, isFromBlock);
  }

  /** on_attester_slashing, checked against the justified checkpoint block's state. */
  onAttesterSlashing(slashing: {attestation1: IndexedAttestation; attestation2: IndexedAttestation}): void {
    const state = this.blockStates.get(this.fc.justifiedCheckpoint.root);
    if (state === undefined) throw new Error("no state for the justified checkpoint block");
    for (const a of [slashing.attestation1, slashing.attestation2]) {
      if (!util.isValidIndexedAttestation(state, a, this.verifySignatures)) throw new Error("on_attester_slashing: invalid indexed attestation");
    }
    this.fc.onAttesterSlashing(slashing);
  }
}
