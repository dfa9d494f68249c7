// The weights of LMD-GHOST come from the justified checkpoint's state (get_weight reads
// checkpoint_states[store.justified_checkpoint]). Fork choice keeps no states: the caller hands over
// these arrays, built once per justified checkpoint.
import {EFFECTIVE_BALANCE_INCREMENT, SLOTS_PER_EPOCH} from "@hearth/params";
import type {CachedBeaconState} from "@hearth/state-transition";

export interface JustifiedBalances {
  /**
   * get_attestation_score's weight of each validator, in effective-balance increments: its
   * effective balance if active and not slashed at the checkpoint state's epoch, else 0.
   */
  balances: Uint16Array;
  /** get_total_active_balance of the checkpoint state, in increments. */
  totalActiveBalanceIncrements: number;
  /** effective_balance of every validator in increments (is_head_weak adds equivocators' weight). */
  effectiveBalanceIncrements: Uint16Array;
}

/** The balances of a checkpoint state (a state at the checkpoint epoch's start slot). */
export function getJustifiedBalances(cs: CachedBeaconState): JustifiedBalances {
  const n = cs.state.validators.length;
  const increments = cs.epochCtx.effectiveBalanceIncrements.subarray(0, n);
  const balances = new Uint16Array(n);
  const validators = cs.state.validators;
  for (const i of cs.epochCtx.currentShuffling.activeIndices) {
    if (!validators.getReadonly(i).slashed) balances[i] = increments[i];
  }
  return {balances, totalActiveBalanceIncrements: cs.epochCtx.totalActiveBalanceIncrements, effectiveBalanceIncrements: increments.slice()};
}

/**
 * calculate_committee_fraction (and compute_proposer_score with PROPOSER_SCORE_BOOST), in Gwei:
 * (get_total_active_balance // SLOTS_PER_EPOCH) * percent // 100.
 */
export function calculateCommitteeFraction(totalActiveBalanceIncrements: number, committeePercent: number): bigint {
  const committeeWeight = (BigInt(totalActiveBalanceIncrements) * BigInt(EFFECTIVE_BALANCE_INCREMENT)) / BigInt(SLOTS_PER_EPOCH);
  return (committeeWeight * BigInt(committeePercent)) / 100n;
}

/**
 * A Gwei amount in the proto-array's weight unit (increments). Every vote weight is a whole number
 * of increments, so an amount strictly between k and k+1 increments compares with them exactly as
 * k + 1/2 does: the tie-break of get_head stays exact without 64-bit arithmetic.
 */
export function gweiToWeightUnits(gwei: bigint): number {
  const increment = BigInt(EFFECTIVE_BALANCE_INCREMENT);
  const whole = Number(gwei / increment);
  return gwei % increment === 0n ? whole : whole + 0.5;
}
