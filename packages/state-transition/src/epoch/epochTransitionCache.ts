// What epoch processing reads about every validator, read from the state once per epoch into flat
// arrays: the spec's steps each scan the registry (get_eligible_validator_indices,
// get_unslashed_participating_indices, the registry and slashing loops), which at a million
// validators would mean a dozen full passes over the tree. Each step's inputs are taken here as the
// state holds them at the start of process_epoch; a step that depends on an earlier step's output
// (the finalized checkpoint, balances after rewards) reads that from the state itself.
import {
  COMPOUNDING_WITHDRAWAL_PREFIX,
  EFFECTIVE_BALANCE_INCREMENT,
  FAR_FUTURE_EPOCH,
  ForkSeq,
  MIN_SEED_LOOKAHEAD,
  SLOTS_PER_HISTORICAL_ROOT,
  TIMELY_HEAD_FLAG_INDEX,
  TIMELY_SOURCE_FLAG_INDEX,
  TIMELY_TARGET_FLAG_INDEX,
} from "@hearth/params";
import type {phase0} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateAllForks, BeaconStatePhase0, BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {computeStartSlotAtEpoch, getCurrentEpoch, getPreviousEpoch} from "../util/epoch.js";
import {getAttestingIndices, type AttestationAllForks} from "../util/attestation.js";
import {bytesEqual} from "../util/bytes.js";

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
export const COMPOUNDING = 256;
/** PREV_SOURCE, PREV_TARGET, PREV_HEAD by flag index. */
export const PREV_FLAG_BITS = [PREV_SOURCE, PREV_TARGET, PREV_HEAD] as const;
export const NO_INCLUSION = 0xffffffff;

export interface EpochTransitionCache {
  currentEpoch: number;
  previousEpoch: number;
  /** Validators at the start of epoch processing; pending deposits may append more. */
  validatorCount: number;
  status: Uint16Array;
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
  /**
   * phase0: why get_attesting_indices failed on a pending attestation (aggregation bits not
   * matching the committee), for the attestations the rewards read (all previous-epoch ones) and
   * those justification reads (the target-matching ones). Raised only by a step that reads them.
   */
  pendingAttestationErrors: {previous: string | null; target: string | null};
  inclusionProposers: Uint32Array | null;
  slashedIndices: number[];
  /** Validators that process_registry_updates may change: not yet eligible, not yet activated, or up for ejection. */
  registryCandidates: number[];
  /** fulu: the active validators of the epoch that process_proposer_lookahead fills in. */
  lookaheadActiveIndices: number[] | null;
}

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
  const status = new Uint16Array(n);
  const slashedIndices: number[] = [];
  const registryCandidates: number[] = [];
  const lookaheadActiveIndices = seq >= ForkSeq.fulu ? ([] as number[]) : null;
  const ejectionBalance = config.EJECTION_BALANCE;

  let prevParticipation: ArrayLike<number> | null = null;
  let currParticipation: ArrayLike<number> | null = null;
  let attested: Uint8Array | null = null;
  let inclusionDelays: Uint32Array | null = null;
  const pendingAttestationErrors = {previous: null as string | null, target: null as string | null};
  let inclusionProposers: Uint32Array | null = null;
  if (seq >= ForkSeq.altair) {
    const s = state as BeaconStatePostAltair;
    prevParticipation = s.previousEpochParticipation.getAll();
    currParticipation = s.currentEpochParticipation.getAll();
  } else {
    inclusionDelays = new Uint32Array(n);
    inclusionProposers = new Uint32Array(n);
    attested = readPendingAttestations(cs, n, inclusionDelays, inclusionProposers, pendingAttestationErrors);
  }

  // Sums in whole increments plus the remainders of odd effective balances: both exact.
  const sums = new Float64Array(2 * SUM_COUNT);
  const add = (sum: number, inc: number, rem: number): void => {
    sums[2 * sum] += inc;
    sums[2 * sum + 1] += rem;
  };
  let oddEffectiveBalances: Map<number, number> | null = null;
  let maxIncrement = 0;
  for (let i = 0; i < n; i++) {
    const v = validators[i];
    const effectiveBalance = v.effectiveBalance;
    const inc = Math.floor(effectiveBalance / EFFECTIVE_BALANCE_INCREMENT);
    const rem = effectiveBalance - inc * EFFECTIVE_BALANCE_INCREMENT;
    if (rem !== 0) (oddEffectiveBalances ??= new Map()).set(i, effectiveBalance);
    if (inc > maxIncrement) maxIncrement = inc;
    let st = 0;
    const activePrev = v.activationEpoch <= previousEpoch && previousEpoch < v.exitEpoch;
    const activeCurr = v.activationEpoch <= currentEpoch && currentEpoch < v.exitEpoch;
    if (activePrev) st |= ACTIVE_PREV;
    if (activeCurr) {
      st |= ACTIVE_CURR;
      add(SUM_ACTIVE, inc, rem);
    }
    if (v.slashed) {
      st |= SLASHED;
      slashedIndices.push(i);
    }
    if (activePrev || (v.slashed && previousEpoch + 1 < v.withdrawableEpoch)) st |= ELIGIBLE;
    if (v.withdrawalCredentials[0] === COMPOUNDING_WITHDRAWAL_PREFIX) st |= COMPOUNDING;

    if (!v.slashed) {
      let prevBits = 0;
      let currTarget = false;
      if (prevParticipation !== null && currParticipation !== null) {
        if (activePrev) prevBits = prevParticipation[i] & 0b111;
        currTarget = activeCurr && (currParticipation[i] & (1 << TIMELY_TARGET_FLAG_INDEX)) !== 0;
      } else if (attested !== null) {
        prevBits = attested[i] & 0b111;
        currTarget = (attested[i] & 0b1000) !== 0;
      }
      if (prevBits & (1 << TIMELY_SOURCE_FLAG_INDEX)) {
        st |= PREV_SOURCE;
        add(SUM_PREV_SOURCE, inc, rem);
      }
      if (prevBits & (1 << TIMELY_TARGET_FLAG_INDEX)) {
        st |= PREV_TARGET;
        add(SUM_PREV_TARGET, inc, rem);
      }
      if (prevBits & (1 << TIMELY_HEAD_FLAG_INDEX)) {
        st |= PREV_HEAD;
        add(SUM_PREV_HEAD, inc, rem);
      }
      if (currTarget) {
        st |= CURR_TARGET;
        add(SUM_CURR_TARGET, inc, rem);
      }
    }
    status[i] = st;

    if (
      v.activationEligibilityEpoch === FAR_FUTURE_EPOCH ||
      v.activationEpoch === FAR_FUTURE_EPOCH ||
      (activeCurr && v.effectiveBalance <= ejectionBalance)
    ) {
      registryCandidates.push(i);
    }
    if (lookaheadActiveIndices !== null && v.activationEpoch <= lookaheadEpoch && lookaheadEpoch < v.exitEpoch) lookaheadActiveIndices.push(i);
  }

  return {
    currentEpoch,
    previousEpoch,
    validatorCount: n,
    status,
    prevSourceBalance: totalBalance(sums, SUM_PREV_SOURCE),
    prevTargetBalance: totalBalance(sums, SUM_PREV_TARGET),
    prevHeadBalance: totalBalance(sums, SUM_PREV_HEAD),
    currTargetBalance: totalBalance(sums, SUM_CURR_TARGET),
    totalActiveBalance: totalBalance(sums, SUM_ACTIVE),
    oddEffectiveBalances,
    maxIncrement,
    balances: state.balances.getAll(),
    inactivityScores: seq >= ForkSeq.altair ? (state as BeaconStatePostAltair).inactivityScores.getAll() : null,
    inclusionDelays,
    pendingAttestationErrors,
    inclusionProposers,
    slashedIndices,
    registryCandidates,
    lookaheadActiveIndices,
  };
}

const SUM_PREV_SOURCE = 0;
const SUM_PREV_TARGET = 1;
const SUM_PREV_HEAD = 2;
const SUM_CURR_TARGET = 3;
const SUM_ACTIVE = 4;
const SUM_COUNT = 5;

/** get_total_balance: max(EFFECTIVE_BALANCE_INCREMENT, sum), from whole increments and remainders. */
function totalBalance(sums: Float64Array, sum: number): number {
  return Math.max(EFFECTIVE_BALANCE_INCREMENT, sums[2 * sum] * EFFECTIVE_BALANCE_INCREMENT + sums[2 * sum + 1]);
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

/** get_block_root_at_slot, or null where the spec's assert would fail (no such attestation can match). */
function blockRootAtSlot(state: BeaconStatePhase0, slot: number): Uint8Array | null {
  if (!(slot < state.slot && state.slot <= slot + SLOTS_PER_HISTORICAL_ROOT)) return null;
  return state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT);
}

/**
 * phase0's matching attestations, per validator as bits: 1 previous-epoch source, 2 previous target,
 * 4 previous head, 8 current target (slashing is filtered by the caller). Also the earliest
 * inclusion of each previous-epoch attester (ties: the first in the list, as python's min).
 */
function readPendingAttestations(
  cs: CachedBeaconState,
  n: number,
  delays: Uint32Array,
  proposers: Uint32Array,
  errors: EpochTransitionCache["pendingAttestationErrors"]
): Uint8Array {
  const state = cs.state as BeaconStatePhase0;
  const out = new Uint8Array(n);
  delays.fill(NO_INCLUSION);
  const currentEpoch = getCurrentEpoch(state);
  const previousEpoch = getPreviousEpoch(state);
  const mark = (attestations: ValueOf<typeof phase0.PendingAttestation>[], epoch: number, asPrevious: boolean, asCurrent: boolean): void => {
    const targetRoot = blockRootAtSlot(state, computeStartSlotAtEpoch(epoch));
    for (const a of attestations) {
      const isTarget = targetRoot !== null && bytesEqual(a.data.target.root, targetRoot);
      let bits = asPrevious ? 1 : 0;
      if (isTarget) {
        if (asCurrent) bits |= 8;
        if (asPrevious) {
          bits |= 2;
          const headRoot = blockRootAtSlot(state, a.data.slot);
          if (headRoot !== null && bytesEqual(a.data.beaconBlockRoot, headRoot)) bits |= 4;
        }
      }
      if (bits === 0) continue;
      let attesting: number[];
      try {
        attesting = getAttestingIndices(cs, a as unknown as AttestationAllForks);
      } catch (e) {
        const message = `get_attesting_indices: ${(e as Error).message}`;
        if (asPrevious) errors.previous ??= message;
        if (bits & 0b1010) errors.target ??= message;
        continue;
      }
      for (const i of attesting) {
        out[i] |= bits;
        if (asPrevious && a.inclusionDelay < delays[i]) {
          delays[i] = a.inclusionDelay;
          proposers[i] = a.proposerIndex;
        }
      }
    }
  };
  const current = state.currentEpochAttestations.getAllReadonlyValues();
  // get_matching_source_attestations: at genesis the previous epoch is the current one, whose list is read.
  if (previousEpoch === currentEpoch) {
    mark(current, currentEpoch, true, true);
  } else {
    mark(state.previousEpochAttestations.getAllReadonlyValues(), previousEpoch, true, false);
    mark(current, currentEpoch, false, true);
  }
  return out;
}
