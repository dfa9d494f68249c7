// phase0 beacon-chain.md "Beacon state mutators" (increase_balance, decrease_balance) and get_total_balance.
import {EFFECTIVE_BALANCE_INCREMENT} from "@hearth/params";
import type {BeaconStateAllForks} from "../types.js";

/** increase_balance */
export function increaseBalance(state: BeaconStateAllForks, index: number, delta: number): void {
  state.balances.set(index, state.balances.get(index) + delta);
}

/** decrease_balance: never below zero. */
export function decreaseBalance(state: BeaconStateAllForks, index: number, delta: number): void {
  const balance = state.balances.get(index);
  state.balances.set(index, delta > balance ? 0 : balance - delta);
}

/**
 * get_total_balance over effective-balance increments: at least one increment, so that a divisor is
 * never zero. Increments keep the sum exact as a number: a whole registry's Gwei would pass 2**53.
 */
export function getTotalBalanceIncrements(indices: Iterable<number>, effectiveBalanceIncrements: Uint16Array): number {
  let total = 0;
  for (const i of indices) total += effectiveBalanceIncrements[i];
  return Math.max(1, total);
}

export function incrementsToGwei(increments: number): number {
  return increments * EFFECTIVE_BALANCE_INCREMENT;
}
