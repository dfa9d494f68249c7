import {DOMAIN_BEACON_PROPOSER, ReasonError} from "@hearth/params";
import {computeSigningRoot} from "@hearth/config";
import {verify} from "@hearth/bls";
import {sszTypesFor} from "@hearth/types";
import type {CachedBeaconState, TransitionOptions} from "./types.js";
import type {SignedBeaconBlockAllForks} from "./block/types.js";
import {processSlots} from "./slot/processSlots.js";
import {processBlock} from "./block/processBlock.js";
import {getDomain} from "./util/domain.js";
import {bytesEqual, toHex} from "./util/bytes.js";
import {computeEpochAtSlot} from "./util/epoch.js";

export enum StateTransitionErrorCode {
  INVALID_PROPOSER_SIGNATURE = "INVALID_PROPOSER_SIGNATURE",
  INVALID_STATE_ROOT = "INVALID_STATE_ROOT",
}

export class StateTransitionError extends ReasonError<StateTransitionErrorCode> {}

/** A copy that shares the tree and the epoch cache's immutable parts with the original. */
export function cloneCachedState(cs: CachedBeaconState): CachedBeaconState {
  // ViewDU.clone() copies the last committed tree and drops the source's pending changes, so commit first.
  cs.state.commit();
  return {fork: cs.fork, config: cs.config, state: cs.state.clone(), epochCtx: cs.epochCtx.clone()};
}

/**
 * state_transition (phase0 beacon-chain.md): advances a copy of `pre` to the block's slot, applies
 * the block and checks the state root. `pre` is left as it was.
 */
export function stateTransition(pre: CachedBeaconState, signedBlock: SignedBeaconBlockAllForks, opts: TransitionOptions = {}): CachedBeaconState {
  const cs = cloneCachedState(pre);
  const block = signedBlock.message;
  processSlots(cs, block.slot);
  if ((opts.verifyProposer ?? true) && !verifyBlockSignature(cs, signedBlock)) {
    throw new StateTransitionError(StateTransitionErrorCode.INVALID_PROPOSER_SIGNATURE, `block at slot ${block.slot}`);
  }
  processBlock(cs, block, opts);
  if (opts.verifyStateRoot ?? true) {
    const root = cs.state.hashTreeRoot();
    if (!bytesEqual(root, block.stateRoot)) {
      throw new StateTransitionError(StateTransitionErrorCode.INVALID_STATE_ROOT, `block says ${toHex(block.stateRoot)}, state is ${toHex(root)}`);
    }
  }
  return cs;
}

/** verify_block_signature */
export function verifyBlockSignature(cs: CachedBeaconState, signedBlock: SignedBeaconBlockAllForks): boolean {
  const block = signedBlock.message;
  if (block.proposerIndex >= cs.state.validators.length) return false;
  const domain = getDomain(cs.state, DOMAIN_BEACON_PROPOSER, computeEpochAtSlot(block.slot));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const signingRoot = computeSigningRoot(sszTypesFor(cs.fork).BeaconBlock as any, block, domain);
  return verify(cs.state.validators.getReadonly(block.proposerIndex).pubkey, signingRoot, signedBlock.signature);
}
