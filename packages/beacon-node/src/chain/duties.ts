// What validators ask the chain (validator.md and the Beacon API's /eth/v1/validator/*): proposer,
// attester and sync committee duties with their dependent roots, and the AttestationData to sign.
import {EPOCHS_PER_SYNC_COMMITTEE_PERIOD, ForkSeq, SLOTS_PER_EPOCH} from "@hearth/params";
import type {phase0} from "@hearth/types";
import {fromHex, toHex} from "@hearth/config";
import {util, type BeaconStateFulu, type BeaconStatePostAltair, type CachedBeaconState} from "@hearth/state-transition";
import {ExecutionStatus, type RootHex} from "@hearth/fork-choice";
import {ChainError, ChainErrorCode} from "./errors.js";
import {dependentRoot} from "./blocks/head.js";
import type {BeaconChain} from "./chain.js";

const {computeEpochAtSlot, computeStartSlotAtEpoch} = util;

export interface ProposerDuty {
  pubkey: Uint8Array;
  validatorIndex: number;
  slot: number;
}

export interface AttesterDuty {
  pubkey: Uint8Array;
  validatorIndex: number;
  committeeIndex: number;
  committeeLength: number;
  committeesAtSlot: number;
  validatorCommitteeIndex: number;
  slot: number;
}

export interface SyncDuty {
  pubkey: Uint8Array;
  validatorIndex: number;
  validatorSyncCommitteeIndices: number[];
}

export interface Duties<T> {
  dependentRoot: RootHex;
  executionOptimistic: boolean;
  duties: T[];
}

/** The head's state, advanced to `epoch`'s start when the head is in an earlier epoch. */
async function headStateAtEpoch(chain: BeaconChain, epoch: number): Promise<CachedBeaconState> {
  const head = chain.head;
  if (computeEpochAtSlot(head.state.state.slot) >= epoch) return head.state;
  return chain.regen.getCheckpointState({epoch, root: head.node.blockRoot});
}

function checkEpochRange(chain: BeaconChain, epoch: number, maxAhead: number): void {
  const current = chain.clock.currentEpoch;
  if (epoch > current + maxAhead) throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {epoch, currentEpoch: current});
}

/** Proposers of every slot of `epoch` (the current or the next one). */
export async function getProposerDuties(chain: BeaconChain, epoch: number): Promise<Duties<ProposerDuty>> {
  checkEpochRange(chain, epoch, 1);
  const state = await headStateAtEpoch(chain, epoch);
  const stateEpoch = computeEpochAtSlot(state.state.slot);
  if (stateEpoch !== epoch) throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {epoch, headEpoch: stateEpoch});
  const duties: ProposerDuty[] = [];
  const start = computeStartSlotAtEpoch(epoch);
  for (let slot = start; slot < start + SLOTS_PER_EPOCH; slot++) {
    const validatorIndex =
      ForkSeq[state.fork] >= ForkSeq.fulu
        ? (state.state as BeaconStateFulu).proposerLookahead.get(slot % SLOTS_PER_EPOCH)
        : state.epochCtx.getBeaconProposer(state.state, slot);
    duties.push({pubkey: state.state.validators.getReadonly(validatorIndex).pubkey, validatorIndex, slot});
  }
  return {dependentRoot: dependentRoot(chain, chain.head.node.blockRoot, state, epoch), executionOptimistic: isOptimistic(chain), duties};
}

/** Committee assignments of `indices` in `epoch` (up to the next epoch). Unknown or inactive validators have none. */
export async function getAttesterDuties(chain: BeaconChain, epoch: number, indices: number[]): Promise<Duties<AttesterDuty>> {
  checkEpochRange(chain, epoch, 1);
  const state = await headStateAtEpoch(chain, Math.max(0, epoch - 1));
  let shuffling;
  try {
    shuffling = state.epochCtx.getShuffling(epoch);
  } catch {
    throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {epoch, stateEpoch: computeEpochAtSlot(state.state.slot)});
  }
  const wanted = new Set(indices);
  const duties: AttesterDuty[] = [];
  const start = computeStartSlotAtEpoch(epoch);
  for (let s = 0; s < SLOTS_PER_EPOCH; s++) {
    const committees = shuffling.committees[s];
    for (let committeeIndex = 0; committeeIndex < committees.length; committeeIndex++) {
      const committee = committees[committeeIndex];
      for (let i = 0; i < committee.length; i++) {
        const validatorIndex = committee[i];
        if (!wanted.has(validatorIndex)) continue;
        duties.push({
          pubkey: state.state.validators.getReadonly(validatorIndex).pubkey,
          validatorIndex,
          committeeIndex,
          committeeLength: committee.length,
          committeesAtSlot: committees.length,
          validatorCommitteeIndex: i,
          slot: start + s,
        });
      }
    }
  }
  return {dependentRoot: dependentRoot(chain, chain.head.node.blockRoot, state, epoch - 1), executionOptimistic: isOptimistic(chain), duties};
}

/** Positions of `indices` in the sync committee of `epoch`'s period (the head's period or the next). */
export async function getSyncCommitteeDuties(chain: BeaconChain, epoch: number, indices: number[]): Promise<{executionOptimistic: boolean; duties: SyncDuty[]}> {
  const state = chain.head.state;
  if (ForkSeq[state.fork] < ForkSeq.altair) throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {epoch, reason: "no sync committees before altair"});
  const positions = syncCommitteePositions(state, epoch);
  const duties: SyncDuty[] = [];
  for (const validatorIndex of indices) {
    if (validatorIndex >= state.state.validators.length) continue;
    const pubkey = state.state.validators.getReadonly(validatorIndex).pubkey;
    const found = positions.get(toHex(pubkey));
    if (found !== undefined) duties.push({pubkey, validatorIndex, validatorSyncCommitteeIndices: found});
  }
  return {executionOptimistic: isOptimistic(chain), duties};
}

/** Pubkey (hex) → positions in the sync committee that serves `epoch`, from a state of the same or the previous period. */
export function syncCommitteePositions(state: CachedBeaconState, epoch: number): Map<string, number[]> {
  const statePeriod = Math.floor(computeEpochAtSlot(state.state.slot) / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
  const period = Math.floor(epoch / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
  const post = state.state as BeaconStatePostAltair;
  let committee;
  if (period === statePeriod) committee = post.currentSyncCommittee;
  else if (period === statePeriod + 1) committee = post.nextSyncCommittee;
  else throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {epoch, statePeriod});
  const out = new Map<string, number[]>();
  const pubkeys = committee.pubkeys.getAllReadonly();
  for (let i = 0; i < pubkeys.length; i++) {
    const key = toHex(pubkeys[i]);
    const list = out.get(key);
    if (list === undefined) out.set(key, [i]);
    else list.push(i);
  }
  return out;
}

/**
 * AttestationData for `slot` (validator.md "Attestation data"): the head's block at `slot`, the
 * head state's justified checkpoint as source, the epoch's boundary block as target. Electra signs
 * index 0 (EIP-7549).
 */
export async function getAttestationData(chain: BeaconChain, slot: number, committeeIndex: number): Promise<phase0.AttestationData> {
  const currentSlot = chain.clock.currentSlot;
  if (slot > currentSlot + 1 || slot + SLOTS_PER_EPOCH < currentSlot) throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {slot, currentSlot});
  const head = chain.head;
  const fc = chain.forkChoice;
  const epoch = computeEpochAtSlot(slot);
  const blockRoot = head.node.slot <= slot ? head.node.blockRoot : fc.getAncestor(head.node.blockRoot, slot);
  if (blockRoot === null) throw new ChainError(ChainErrorCode.STATE_UNAVAILABLE, {slot});
  const state = await headStateAtEpoch(chain, epoch);
  const stateEpoch = computeEpochAtSlot(state.state.slot);
  if (committeeIndex >= state.epochCtx.getCommitteeCountPerSlot(epoch)) throw new ChainError(ChainErrorCode.UNKNOWN, {slot, committeeIndex});
  const source = (stateEpoch === epoch ? state.state.currentJustifiedCheckpoint : state.state.previousJustifiedCheckpoint).toValue();
  const targetRoot = fc.getAncestor(blockRoot, computeStartSlotAtEpoch(epoch)) ?? blockRoot;
  return {
    slot,
    index: ForkSeq[chain.forkAtSlot(slot)] >= ForkSeq.electra ? 0 : committeeIndex,
    beaconBlockRoot: fromHex(blockRoot),
    source,
    target: {epoch, root: fromHex(targetRoot)},
  };
}

function isOptimistic(chain: BeaconChain): boolean {
  return chain.head.node.executionStatus === ExecutionStatus.Syncing;
}
