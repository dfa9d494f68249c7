// phase0 beacon-chain.md "Rewards and penalties": get_source_deltas, get_target_deltas,
// get_head_deltas, get_inclusion_delay_deltas, get_inactivity_penalty_deltas and their sum
// get_attestation_deltas. Every formula depends on a validator only through its effective balance,
// so the base rewards are tabled per effective-balance increment.
import {
  BASE_REWARD_FACTOR,
  BASE_REWARDS_PER_EPOCH,
  EFFECTIVE_BALANCE_INCREMENT,
  INACTIVITY_PENALTY_QUOTIENT,
  PROPOSER_REWARD_QUOTIENT,
} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {integerSquareRoot} from "../block/baseReward.js";
import {beforeProcessEpoch, ELIGIBLE, PREV_HEAD, PREV_SOURCE, PREV_TARGET, type EpochTransitionCache} from "./epochTransitionCache.js";
import {getFinalityDelay, isInInactivityLeak} from "./processInactivityUpdates.js";
import {mulDiv, newDeltas, type Deltas} from "./rewardsMath.js";

export type Phase0Component = "source" | "target" | "head" | "inclusionDelay" | "inactivityPenalty";
export const PHASE0_COMPONENTS: readonly Phase0Component[] = ["source", "target", "head", "inclusionDelay", "inactivityPenalty"];

/**
 * Adds the deltas of `components` to `deltas`. With all five this is get_attestation_deltas (which
 * drops the always-zero inclusion penalties and inactivity rewards).
 */
export function addAttestationDeltas(cs: CachedBeaconState, c: EpochTransitionCache, components: readonly Phase0Component[], deltas: Deltas): void {
  if (c.pendingAttestationErrors.previous !== null) throw new Error(c.pendingAttestationErrors.previous);
  const {rewards, penalties} = deltas;
  const {status} = c;
  const increments = cs.epochCtx.effectiveBalanceIncrements;
  const totalIncrements = Math.floor(c.totalActiveBalance / EFFECTIVE_BALANCE_INCREMENT);
  const sqrtTotal = integerSquareRoot(c.totalActiveBalance);
  const leak = isInInactivityLeak(cs.state);
  const finalityDelay = getFinalityDelay(cs.state);

  // get_base_reward, per effective-balance increment, and for an odd effective balance from its Gwei.
  const baseRewardOfBalance = (effectiveBalance: number): number =>
    Math.floor(Math.floor((effectiveBalance * BASE_REWARD_FACTOR) / sqrtTotal) / BASE_REWARDS_PER_EPOCH);
  const baseRewards = new Float64Array(c.maxIncrement + 1);
  for (let inc = 0; inc <= c.maxIncrement; inc++) baseRewards[inc] = baseRewardOfBalance(inc * EFFECTIVE_BALANCE_INCREMENT);
  const odd = c.oddEffectiveBalances;

  // get_attestation_component_deltas for source, target and head: attesting_balance // increment
  const attestationComponents: [number, number][] = [];
  const attestingIncrements = (balance: number): number => Math.floor(balance / EFFECTIVE_BALANCE_INCREMENT);
  if (components.includes("source")) attestationComponents.push([PREV_SOURCE, attestingIncrements(c.prevSourceBalance)]);
  if (components.includes("target")) attestationComponents.push([PREV_TARGET, attestingIncrements(c.prevTargetBalance)]);
  if (components.includes("head")) attestationComponents.push([PREV_HEAD, attestingIncrements(c.prevHeadBalance)]);
  const withInclusion = components.includes("inclusionDelay");
  const withInactivity = components.includes("inactivityPenalty") && leak;
  const delays = c.inclusionDelays;
  const proposers = c.inclusionProposers;
  if (withInclusion && (delays === null || proposers === null)) throw new Error("get_inclusion_delay_deltas: no pending attestations read");

  for (let i = 0; i < c.validatorCount; i++) {
    const st = status[i];
    const oddBalance = odd === null ? undefined : odd.get(i);
    const effectiveBalance = oddBalance ?? increments[i] * EFFECTIVE_BALANCE_INCREMENT;
    const base = oddBalance === undefined ? baseRewards[increments[i]] : baseRewardOfBalance(oddBalance);
    // get_proposer_reward
    const proposerReward = Math.floor(base / PROPOSER_REWARD_QUOTIENT);
    if (st & ELIGIBLE) {
      for (const [bit, attesting] of attestationComponents) {
        if (st & bit) {
          // In a leak the full base reward is compensated here, since the inactivity penalty cancels it.
          rewards[i] += leak ? base : mulDiv(base, attesting, totalIncrements);
        } else {
          penalties[i] += base;
        }
      }
      if (withInactivity) {
        // An optimal validator's rewards are cancelled: a neutral balance during a leak.
        penalties[i] += BASE_REWARDS_PER_EPOCH * base - proposerReward;
        if ((st & PREV_TARGET) === 0) penalties[i] += mulDiv(effectiveBalance, finalityDelay, INACTIVITY_PENALTY_QUOTIENT);
      }
    }
    // get_inclusion_delay_deltas: every unslashed attester, eligible or not, via its earliest inclusion.
    if (withInclusion && st & PREV_SOURCE) {
      const delay = (delays as Uint32Array)[i];
      rewards[(proposers as Uint32Array)[i]] += proposerReward;
      rewards[i] += Math.floor((base - proposerReward) / delay);
    }
  }
}

function componentDeltas(cs: CachedBeaconState, component: Phase0Component, cache?: EpochTransitionCache): Deltas {
  const c = cache ?? beforeProcessEpoch(cs);
  const deltas = newDeltas(cs.state.validators.length);
  addAttestationDeltas(cs, c, [component], deltas);
  return deltas;
}

/** get_source_deltas */
export function getSourceDeltas(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  return componentDeltas(cs, "source", cache);
}

/** get_target_deltas */
export function getTargetDeltas(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  return componentDeltas(cs, "target", cache);
}

/** get_head_deltas */
export function getHeadDeltas(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  return componentDeltas(cs, "head", cache);
}

/** get_inclusion_delay_deltas */
export function getInclusionDelayDeltas(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  return componentDeltas(cs, "inclusionDelay", cache);
}

/** get_inactivity_penalty_deltas (phase0) */
export function getInactivityPenaltyDeltasPhase0(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  return componentDeltas(cs, "inactivityPenalty", cache);
}

/** get_attestation_deltas */
export function getAttestationDeltas(cs: CachedBeaconState, cache?: EpochTransitionCache): Deltas {
  const c = cache ?? beforeProcessEpoch(cs);
  const deltas = newDeltas(cs.state.validators.length);
  addAttestationDeltas(cs, c, PHASE0_COMPONENTS, deltas);
  return deltas;
}
