// What epoch processing reads about every validator, read from the state once per epoch into flat
// arrays: the spec's steps each scan the registry (get_eligible_validator_indices,
// get_unslashed_participating_indices, the registry and slashing loops), which at a million
// validators would mean a dozen full passes over the tree. Each step's inputs are taken here as the
// state holds them at the start of process_epoch; a step that depends on an earlier step's output
// (the finalized checkpoint, balances after rewards) reads that from the state itself.
import {
  EFFECTIVE_BALANCE_INCREMENT,
  FAR_FUTURE_EPOCH,
  ForkSeq,
  MIN_SEED_LOOKAHEAD,
  TIMELY_HEAD_FLAG_INDEX,
  TIMELY_SOURCE_FLAG_INDEX,
  TIMELY_TARGET_FLAG_INDEX,
} from "@hearth/params";
import type {BeaconStateAllForks, BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {getCurrentEpoch, getPreviousEpoch} from "../util/epoch.js";
import {readPendingAttestations, type PendingAttestationErrors} from "./pendingAttestations.js";

// Status bits per validator. The participation bits mean "in the unslashed participating set":
// altair's get_unslashed_participating_indices, phase0's get_unslashed_attesting_indices.
export const ACTIVE_PREV = 1;
export const ACTIVE_CURR = 2;
/** get_eligible_validator_indices: active in the previous epoch, or slashed and not yet withdrawable. */
export const ELIGIBLE = 4;
export const SLASHED = 8;
export const PREV_SOURCE = 16;
export const PREV_TARGET = 32;
export const PREV_HEAD = 64;
export const CURR_TARGET = 128;
/** PREV_SOURCE, PREV_TARGET, PREV_HEAD by flag index. */
export const PREV_FLAG_BITS = [PREV_SOURCE, PREV_TARGET, PREV_HEAD] as const;

export interface EpochTransitionCache {
  currentEpoch: number;
  previousEpoch: number;
  /** Validators at the start of epoch processing; pending deposits may append more. */
  validatorCount: number;
  /** Per validator, the bits above. */
  status: Uint8Array;
  /**
   * get_total_balance of each participating set and get_total_active_balance, in Gwei (with the
   * floor of one increment). Exact as numbers: above 2**53 they are sums of whole increments, and
   * 10**9 = 2**9 * 1953125 keeps such sums exact up to 2**62.
   */
  prevSourceBalance: number;
  prevTargetBalance: number;
  prevHeadBalance: number;
  currTargetBalance: number;
  totalActiveBalance: number;
  /**
   * Effective balances that are not whole increments (index → Gwei), or null when there are none.
   * The epoch cache's increments floor them, which is what effective_balance // INCREMENT needs;
   * formulas on the raw effective balance read it here. Only test states have any.
   */
  oddEffectiveBalances: Map<number, number> | null;
  /** The largest effective-balance increment of any validator: the size of per-increment tables. */
  maxIncrement: number;
  balances: number[];
  /** altair+: inactivity scores, updated in place by process_inactivity_updates for the rewards. */
  inactivityScores: number[] | null;
  /** phase0: the smallest inclusion_delay of an attestation including each validator (NO_INCLUSION: none), and its proposer. */
  inclusionDelays: Uint32Array | null;
  inclusionProposers: Uint32Array | null;
  /** phase0: get_attesting_indices failures, raised by the steps that read those attestations. */
  pendingAttestationErrors: PendingAttestationErrors;
  slashedIndices: number[];
  /** Validators that process_registry_updates may change: not yet eligible, not yet activated, or up for ejection. */
  registryCandidates: number[];
  /**
   * The active validators of epoch current + MIN_SEED_LOOKAHEAD + 1, ascending: the epoch that fulu's
   * process_proposer_lookahead fills in, and the "next" shuffling of the epoch about to start. No
   * change this epoch makes reaches it: activations and exits land at compute_activation_exit_epoch.
   */
  lookaheadActiveIndices: Uint32Array;
}

// The balance sums that beforeProcessEpoch keeps.
const SUM_PREV_SOURCE = 0;
const SUM_PREV_TARGET = 1;
const SUM_PREV_HEAD = 2;
const SUM_CURR_TARGET = 3;
const SUM_ACTIVE = 4;
const SUM_COUNT = 5;

/** Builds the cache of `cs` as it is now: at the last slot of an epoch, before (or during) process_epoch. */
export function beforeProcessEpoch(cs: CachedBeaconState): EpochTransitionCache {
  const {state, fork, config} = cs;
  const seq = ForkSeq[fork];
  const currentEpoch = getCurrentEpoch(state);
  const previousEpoch = getPreviousEpoch(state);
  const lookaheadEpoch = currentEpoch + MIN_SEED_LOOKAHEAD + 1;
  // Reading all values at once needs a committed tree; after process_slot's hash_tree_root it is.
  state.commit();
  const validators = state.validators.getAllReadonlyValues();
  const n = validators.length;
  const status = new Uint8Array(n);
  const slashedIndices: number[] = [];
  const registryCandidates: number[] = [];
  const lookaheadActive = new Uint32Array(n);
  let lookaheadCount = 0;
  const ejectionBalance = config.EJECTION_BALANCE;

  // Participation as altair's flag bytes. phase0's pending attestations are read into the same shape;
  // they carry no "active in the epoch" condition (get_unslashed_attesting_indices has none).
  let prevFlags: Uint8Array;
  let currFlags: Uint8Array;
  let inclusionDelays: Uint32Array | null = null;
  let inclusionProposers: Uint32Array | null = null;
  const pendingAttestationErrors: PendingAttestationErrors = {previous: null, target: null};
  const altair = seq >= ForkSeq.altair;
  if (altair) {
    const s = state as BeaconStatePostAltair;
    // One byte per validator: serializing copies whole chunks, far cheaper than reading them one by one.
    prevFlags = s.previousEpochParticipation.serialize();
    currFlags = s.currentEpochParticipation.serialize();
  } else {
    inclusionDelays = new Uint32Array(n);
    inclusionProposers = new Uint32Array(n);
    prevFlags = new Uint8Array(n);
    currFlags = new Uint8Array(n);
    readPendingAttestations(cs, prevFlags, currFlags, inclusionDelays, inclusionProposers, pendingAttestationErrors);
  }

  const SOURCE = 1 << TIMELY_SOURCE_FLAG_INDEX;
  const TARGET = 1 << TIMELY_TARGET_FLAG_INDEX;
  const HEAD = 1 << TIMELY_HEAD_FLAG_INDEX;
  // Sums in whole increments, plus (rarely) the remainders of odd effective balances: both exact.
  let activeInc = 0;
  let sourceInc = 0;
  let targetInc = 0;
  let headInc = 0;
  let currTargetInc = 0;
  const remainders = new Float64Array(SUM_COUNT);
  let oddEffectiveBalances: Map<number, number> | null = null;
  let maxIncrement = 0;
  for (let i = 0; i < n; i++) {
    const v = validators[i];
    const effectiveBalance = v.effectiveBalance;
    const inc = Math.floor(effectiveBalance / EFFECTIVE_BALANCE_INCREMENT);
    const rem = effectiveBalance - inc * EFFECTIVE_BALANCE_INCREMENT;
    if (inc > maxIncrement) maxIncrement = inc;
    const {activationEpoch, exitEpoch, slashed} = v;
    const activePrev = activationEpoch <= previousEpoch && previousEpoch < exitEpoch;
    const activeCurr = activationEpoch <= currentEpoch && currentEpoch < exitEpoch;
    let st = 0;
    let sums = 0;
    if (activePrev) st |= ACTIVE_PREV | ELIGIBLE;
    if (activeCurr) {
      st |= ACTIVE_CURR;
      activeInc += inc;
      sums |= 1 << SUM_ACTIVE;
    }
    if (slashed) {
      st |= SLASHED;
      slashedIndices.push(i);
      if (previousEpoch + 1 < v.withdrawableEpoch) st |= ELIGIBLE;
    } else {
      const prev = !altair || activePrev ? prevFlags[i] : 0;
      if (prev & SOURCE) {
        st |= PREV_SOURCE;
        sourceInc += inc;
        sums |= 1 << SUM_PREV_SOURCE;
      }
      if (prev & TARGET) {
        st |= PREV_TARGET;
        targetInc += inc;
        sums |= 1 << SUM_PREV_TARGET;
      }
      if (prev & HEAD) {
        st |= PREV_HEAD;
        headInc += inc;
        sums |= 1 << SUM_PREV_HEAD;
      }
      if ((!altair || activeCurr) && currFlags[i] & TARGET) {
        st |= CURR_TARGET;
        currTargetInc += inc;
        sums |= 1 << SUM_CURR_TARGET;
      }
    }
    status[i] = st;
    if (rem !== 0) {
      (oddEffectiveBalances ??= new Map()).set(i, effectiveBalance);
      for (let sum = 0; sum < SUM_COUNT; sum++) if (sums & (1 << sum)) remainders[sum] += rem;
    }

    if (
      v.activationEligibilityEpoch === FAR_FUTURE_EPOCH ||
      activationEpoch === FAR_FUTURE_EPOCH ||
      (activeCurr && effectiveBalance <= ejectionBalance)
    ) {
      registryCandidates.push(i);
    }
    if (activationEpoch <= lookaheadEpoch && lookaheadEpoch < exitEpoch) lookaheadActive[lookaheadCount++] = i;
  }
  // get_total_balance: max(EFFECTIVE_BALANCE_INCREMENT, sum)
  const totalBalance = (increments: number, sum: number): number =>
    Math.max(EFFECTIVE_BALANCE_INCREMENT, increments * EFFECTIVE_BALANCE_INCREMENT + remainders[sum]);

  return {
    currentEpoch,
    previousEpoch,
    validatorCount: n,
    status,
    prevSourceBalance: totalBalance(sourceInc, SUM_PREV_SOURCE),
    prevTargetBalance: totalBalance(targetInc, SUM_PREV_TARGET),
    prevHeadBalance: totalBalance(headInc, SUM_PREV_HEAD),
    currTargetBalance: totalBalance(currTargetInc, SUM_CURR_TARGET),
    totalActiveBalance: totalBalance(activeInc, SUM_ACTIVE),
    oddEffectiveBalances,
    maxIncrement,
    balances: state.balances.getAll(),
    inactivityScores: seq >= ForkSeq.altair ? (state as BeaconStatePostAltair).inactivityScores.getAll() : null,
    inclusionDelays,
    inclusionProposers,
    pendingAttestationErrors,
    slashedIndices,
    registryCandidates,
    // a copy of exactly the active set: it outlives this cache as the next epoch's shuffling
    lookaheadActiveIndices: lookaheadActive.slice(0, lookaheadCount),
  };
}

/** A validator's effective balance in Gwei, from the increments unless it is not a whole number of them. */
export function effectiveBalanceOf(c: EpochTransitionCache, increments: Uint16Array, index: number): number {
  return c.oddEffectiveBalances?.get(index) ?? increments[index] * EFFECTIVE_BALANCE_INCREMENT;
}

/**
 * Copies validator `index`'s balance from the state into the cache, after a step changed it there
 * (slashings, pending deposits and consolidations change a few), or appended it (a new validator).
 */
export function syncBalance(c: EpochTransitionCache, state: BeaconStateAllForks, index: number): void {
  c.balances[index] = state.balances.get(index);
}
