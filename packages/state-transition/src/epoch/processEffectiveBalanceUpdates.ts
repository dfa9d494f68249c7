// process_effective_balance_updates (phase0; electra caps at each validator's own maximum).
import {
  EFFECTIVE_BALANCE_INCREMENT,
  ForkSeq,
  HYSTERESIS_DOWNWARD_MULTIPLIER,
  HYSTERESIS_QUOTIENT,
  HYSTERESIS_UPWARD_MULTIPLIER,
  MAX_EFFECTIVE_BALANCE,
} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {getMaxEffectiveBalance} from "../util/validator.js";
import {beforeProcessEpoch, effectiveBalanceOf, type EpochTransitionCache} from "./epochTransitionCache.js";

const HYSTERESIS_INCREMENT = Math.floor(EFFECTIVE_BALANCE_INCREMENT / HYSTERESIS_QUOTIENT);
const DOWNWARD_THRESHOLD = HYSTERESIS_INCREMENT * HYSTERESIS_DOWNWARD_MULTIPLIER;
const UPWARD_THRESHOLD = HYSTERESIS_INCREMENT * HYSTERESIS_UPWARD_MULTIPLIER;

/**
 * process_effective_balance_updates, with hysteresis. Effective balances are read from the epoch
 * cache's increments, and only validators whose effective balance changes are written, to the state
 * and to the increments. Balances come from the epoch transition cache, which process_epoch keeps
 * current; validators that pending deposits appended are read from the state.
 */
export function processEffectiveBalanceUpdates(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  const c = cache ?? beforeProcessEpoch(cs);
  const {state, epochCtx} = cs;
  const n = state.validators.length;
  const balances = c.balances.length === n ? c.balances : state.balances.getAll();
  const electra = ForkSeq[cs.fork] >= ForkSeq.electra;
  for (let i = 0; i < n; i++) {
    const balance = balances[i];
    const appended = i >= c.validatorCount;
    const effectiveBalance = appended ? state.validators.getReadonly(i).effectiveBalance : effectiveBalanceOf(c, epochCtx.effectiveBalanceIncrements, i);
    if (balance + DOWNWARD_THRESHOLD < effectiveBalance || effectiveBalance + UPWARD_THRESHOLD < balance) {
      // Only the few validators past a threshold need their credentials read.
      const maxEffectiveBalance = electra ? getMaxEffectiveBalance(state.validators.getReadonly(i).withdrawalCredentials) : MAX_EFFECTIVE_BALANCE;
      const newEffectiveBalance = Math.min(balance - (balance % EFFECTIVE_BALANCE_INCREMENT), maxEffectiveBalance);
      if (newEffectiveBalance === effectiveBalance) continue;
      state.validators.get(i).effectiveBalance = newEffectiveBalance;
      epochCtx.setEffectiveBalance(i, newEffectiveBalance);
    }
  }
}
