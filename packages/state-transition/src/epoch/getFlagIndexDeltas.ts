// altair beacon-chain.md get_flag_index_deltas and the modified get_inactivity_penalty_deltas
// (bellatrix changes the quotient). A validator's flag reward depends only on its effective
// balance, so the rewards and penalties are tabled per effective-balance increment, once per epoch.
import {
  BASE_REWARD_FACTOR,
  EFFECTIVE_BALANCE_INCREMENT,
  ForkSeq,
  INACTIVITY_PENALTY_QUOTIENT_ALTAIR,
  INACTIVITY_PENALTY_QUOTIENT_BELLATRIX,
  PARTICIPATION_FLAG_WEIGHTS,
  TIMELY_HEAD_FLAG_INDEX,
  WEIGHT_DENOMINATOR,
} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {integerSquareRoot} from "../block/baseReward.js";
import {beforeProcessEpoch, effectiveBalanceOf, ELIGIBLE, PREV_FLAG_BITS, PREV_TARGET, type EpochTransitionCache} from "./epochTransitionCache.js";
import {isInInactivityLeak} from "./processInactivityUpdates.js";
import {mulDiv, newDeltas, type Deltas} from "./rewardsMath.js";

/** What the altair reward formulas need, computed once per epoch. */
export interface FlagRewardContext {
  /** Per flag, the reward of a participating validator by its effective-balance increments. */
  flagRewards: Float64Array[];
  /** Per flag, the penalty of a non-participating validator by increments (zero for head). */
  flagPenalties: Float64Array[];
  inactivityPenaltyDenominator: number;
}

export function getFlagRewardContext(cs: CachedBeaconState, c: EpochTransitionCache): FlagRewardContext {
  // get_base_reward_per_increment over the exact total (the same as the epoch cache's, unless a test
  // state has effective balances that are not whole increments).
  const baseRewardPerIncrement = Math.floor((EFFECTIVE_BALANCE_INCREMENT * BASE_REWARD_FACTOR) / integerSquareRoot(c.totalActiveBalance));
  const activeIncrements = Math.floor(c.totalActiveBalance / EFFECTIVE_BALANCE_INCREMENT);
  const leak = isInInactivityLeak(cs.state);
  const participatingIncrements = [c.prevSourceBalance, c.prevTargetBalance, c.prevHeadBalance].map((balance) =>
    Math.floor(balance / EFFECTIVE_BALANCE_INCREMENT)
  );
  const flagRewards: Float64Array[] = [];
  const flagPenalties: Float64Array[] = [];
  for (let flag = 0; flag < PARTICIPATION_FLAG_WEIGHTS.length; flag++) {
    const weight = PARTICIPATION_FLAG_WEIGHTS[flag];
    const rewards = new Float64Array(c.maxIncrement + 1);
    const penalties = new Float64Array(c.maxIncrement + 1);
    // reward_numerator = base_reward * weight * unslashed_participating_increments can pass 2**53.
    const numeratorFactor = BigInt(baseRewardPerIncrement * weight) * BigInt(participatingIncrements[flag]);
    const denominator = BigInt(activeIncrements * WEIGHT_DENOMINATOR);
    for (let inc = 0; inc <= c.maxIncrement; inc++) {
      const baseReward = inc * baseRewardPerIncrement;
      if (!leak) rewards[inc] = Number((BigInt(inc) * numeratorFactor) / denominator);
      if (flag !== TIMELY_HEAD_FLAG_INDEX) penalties[inc] = mulDiv(baseReward, weight, WEIGHT_DENOMINATOR);
    }
    flagRewards.push(rewards);
    flagPenalties.push(penalties);
  }
  const quotient = ForkSeq[cs.fork] >= ForkSeq.bellatrix ? INACTIVITY_PENALTY_QUOTIENT_BELLATRIX : INACTIVITY_PENALTY_QUOTIENT_ALTAIR;
  return {flagRewards, flagPenalties, inactivityPenaltyDenominator: cs.config.INACTIVITY_SCORE_BIAS * quotient};
}

/** One validator's delta for one flag: a reward (>= 0) or a penalty (< 0); never both. */
export function flagIndexDelta(ctx: FlagRewardContext, flag: number, st: number, inc: number): number {
  if ((st & ELIGIBLE) === 0) return 0;
  if (st & PREV_FLAG_BITS[flag]) return ctx.flagRewards[flag][inc];
  return -ctx.flagPenalties[flag][inc];
}

/** One validator's inactivity penalty (>= 0). */
export function inactivityPenalty(ctx: FlagRewardContext, st: number, effectiveBalance: number, inactivityScore: number): number {
  if ((st & ELIGIBLE) === 0 || st & PREV_TARGET) return 0;
  return mulDiv(effectiveBalance, inactivityScore, ctx.inactivityPenaltyDenominator);
}

/** get_flag_index_deltas */
export function getFlagIndexDeltas(cs: CachedBeaconState, flagIndex: number, cache?: EpochTransitionCache): Deltas {
  const c = cache ?? beforeProcessEpoch(cs);
  const ctx = getFlagRewardContext(cs, c);
  const increments = cs.epochCtx.effectiveBalanceIncrements;
  const deltas = newDeltas(c.validatorCount);
  for (let i = 0; i < c.validatorCount; i++) {
    const delta = flagIndexDelta(ctx, flagIndex, c.status[i], increments[i]);
    if (delta > 0) deltas.rewards[i] = delta;
    else if (delta < 0) deltas.penalties[i] = -delta;
  }
  return deltas;
}

/** get_inactivity_penalty_deltas (altair, bellatrix) */
export function getInactivityPenaltyDeltas(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  const c = cache ?? beforeProcessEpoch(cs);
  const ctx = getFlagRewardContext(cs, c);
  const scores = c.inactivityScores;
  if (scores === null) throw new Error("get_inactivity_penalty_deltas: no inactivity scores before altair");
  const increments = cs.epochCtx.effectiveBalanceIncrements;
  const deltas = newDeltas(c.validatorCount);
  for (let i = 0; i < c.validatorCount; i++) {
    deltas.penalties[i] = inactivityPenalty(ctx, c.status[i], effectiveBalanceOf(c, increments, i), scores[i]);
  }
  return deltas;
}
