// The anchor of a chain (get_forkchoice_store's anchor_state and anchor_block): genesis, or the
// finalized checkpoint state a restart resumes from. Its block is known only by the state's
// latest_block_header, which process_slot has given its state root by the time the state is
// advanced; a state at its block's slot (genesis) still has a zero state root there.
import type {Type} from "@chainsafe/ssz";
import {ForkSeq} from "@hearth/params";
import {phase0, sszTypesFor} from "@hearth/types";
import {toHex} from "@hearth/config";
import {
  isMergeTransitionComplete,
  type BeaconStateBellatrix,
  type BeaconStateAllForks,
  type CachedBeaconState,
  type SignedBeaconBlockAllForks,
} from "@hearth/state-transition";
import {ExecutionStatus, type ForkChoiceAnchor} from "@hearth/fork-choice";
import type {ForkName} from "@hearth/params";

const ZERO_ROOT = new Uint8Array(32);

/** The anchor block as a header: latest_block_header with its state root filled in. */
export function anchorBlockHeader(state: BeaconStateAllForks): phase0.BeaconBlockHeader {
  const header = state.latestBlockHeader.toValue();
  const stateRoot = header.stateRoot.every((b, i) => b === ZERO_ROOT[i]) ? state.hashTreeRoot() : header.stateRoot;
  return {...header, stateRoot};
}

/** The payload hash fork choice keeps for a state's block: null before the merge. */
export function statePayloadHash(cs: CachedBeaconState): Uint8Array | null {
  if (ForkSeq[cs.fork] < ForkSeq.bellatrix) return null;
  const state = cs.state as BeaconStateBellatrix;
  return isMergeTransitionComplete(state) ? state.latestExecutionPayloadHeader.blockHash : null;
}

/** The fork-choice anchor of `cs`, without balances (the caller reads them from the same state). */
export function forkChoiceAnchorOf(cs: CachedBeaconState): {blockRoot: Uint8Array; anchor: Omit<ForkChoiceAnchor, "balances">} {
  const header = anchorBlockHeader(cs.state);
  const blockRoot = phase0.BeaconBlockHeader.hashTreeRoot(header);
  const payloadHash = statePayloadHash(cs);
  return {
    blockRoot,
    anchor: {
      genesisTime: cs.state.genesisTime,
      stateSlot: cs.state.slot,
      block: {
        slot: header.slot,
        blockRoot: toHex(blockRoot),
        parentRoot: toHex(header.parentRoot),
        stateRoot: toHex(header.stateRoot),
        proposerIndex: header.proposerIndex,
        // A trusted anchor's payload counts as VALID (sync/optimistic.md "Checkpoint sync").
        executionStatus: payloadHash === null ? ExecutionStatus.PreMerge : ExecutionStatus.Valid,
        executionPayloadBlockHash: payloadHash === null ? null : toHex(payloadHash),
      },
    },
  };
}

/** The BeaconBlock SSZ type of `fork`, typed for any fork's block. */
export function blockType(fork: ForkName): Type<SignedBeaconBlockAllForks["message"]> {
  return sszTypesFor(fork).BeaconBlock as unknown as Type<SignedBeaconBlockAllForks["message"]>;
}

export function signedBlockType(fork: ForkName): Type<SignedBeaconBlockAllForks> {
  return sszTypesFor(fork).SignedBeaconBlock as unknown as Type<SignedBeaconBlockAllForks>;
}
