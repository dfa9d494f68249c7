// integer_squareroot (phase0) and get_base_reward_per_increment / get_base_reward (altair beacon-chain.md).
import {BASE_REWARD_FACTOR, EFFECTIVE_BALANCE_INCREMENT} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";

/**
 * integer_squareroot: the largest x with x*x <= n. Math.sqrt is exact only below 2**52, and a
 * mainnet total balance is above that, so the float guess is corrected in bigint.
 */
export function integerSquareRoot(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`integer_squareroot of ${n}`);
  const big = BigInt(n);
  let x = BigInt(Math.floor(Math.sqrt(n)));
  while (x * x > big) x--;
  while ((x + 1n) * (x + 1n) <= big) x++;
  return Number(x);
}

/** get_base_reward_per_increment: constant over an epoch, as the total active balance is. */
export function getBaseRewardPerIncrement(cs: CachedBeaconState): number {
  return Math.floor((EFFECTIVE_BALANCE_INCREMENT * BASE_REWARD_FACTOR) / integerSquareRoot(cs.epochCtx.totalActiveBalance));
}
