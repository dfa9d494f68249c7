// Attestation rewards of an epoch (beacon-APIs rewards/attestations.yaml), from the state
// transition's own delta functions: the values process_rewards_and_penalties applies at the end of
// epoch+1, computed from a state whose previous epoch is the epoch asked for.
import {
  EFFECTIVE_BALANCE_INCREMENT,
  ForkSeq,
  PARTICIPATION_FLAG_WEIGHTS,
  TIMELY_HEAD_FLAG_INDEX,
  TIMELY_SOURCE_FLAG_INDEX,
  TIMELY_TARGET_FLAG_INDEX,
  WEIGHT_DENOMINATOR,
  BASE_REWARD_FACTOR,
} from "@hearth/params";
import {
  beforeProcessEpoch,
  getFlagIndexDeltas,
  getHeadDeltas,
  getInactivityPenaltyDeltas,
  getInactivityPenaltyDeltasPhase0,
  getInclusionDelayDeltas,
  getSourceDeltas,
  getTargetDeltas,
  integerSquareRoot,
  isInInactivityLeak,
  util,
  type CachedBeaconState,
  type Deltas,
} from "@hearth/state-transition";
import {RewardsError, RewardsErrorCode} from "./errors.js";

export interface IdealAttestationReward {
  effectiveBalance: number;
  head: number;
  target: number;
  source: number;
  /** phase0 only */
  inclusionDelay?: number;
  inactivity: number;
}

export interface TotalAttestationReward {
  validatorIndex: number;
  head: number;
  target: number;
  source: number;
  /** phase0 only */
  inclusionDelay?: number;
  inactivity: number;
}

export interface AttestationsRewards {
  idealRewards: IdealAttestationReward[];
  totalRewards: TotalAttestationReward[];
}

const net = (d: Deltas, i: number): number => d.rewards[i] - d.penalties[i];

/**
 * The rewards of `cs`'s previous epoch, for `indices` (every validator when null). `cs` must be in
 * the epoch after the one asked for, before that epoch's own processing: its last slot's state, or
 * the head state while that epoch is under way (rewards so far).
 */
export function computeAttestationRewards(cs: CachedBeaconState, indices: number[] | null): AttestationsRewards {
  const validatorCount = cs.state.validators.length;
  for (const i of indices ?? []) {
    if (!Number.isInteger(i) || i < 0 || i >= validatorCount) throw new RewardsError(RewardsErrorCode.UNKNOWN_VALIDATOR, `validator ${i}`);
  }
  if (util.getCurrentEpoch(cs.state) === 0) throw new RewardsError(RewardsErrorCode.EPOCH_NOT_AVAILABLE, "no previous epoch in the genesis epoch");
  const cache = beforeProcessEpoch(cs);
  const wanted = indices ?? Array.from({length: validatorCount}, (_, i) => i);

  if (ForkSeq[cs.fork] < ForkSeq.altair) {
    const [source, target, head, inclusion, inactivity] = [
      getSourceDeltas(cs, cache),
      getTargetDeltas(cs, cache),
      getHeadDeltas(cs, cache),
      getInclusionDelayDeltas(cs, cache),
      getInactivityPenaltyDeltasPhase0(cs, cache),
    ];
    return {
      idealRewards: [],
      totalRewards: wanted.map((i) => ({
        validatorIndex: i,
        head: net(head, i),
        target: net(target, i),
        source: net(source, i),
        inclusionDelay: net(inclusion, i),
        inactivity: net(inactivity, i),
      })),
    };
  }

  const source = getFlagIndexDeltas(cs, TIMELY_SOURCE_FLAG_INDEX, cache);
  const target = getFlagIndexDeltas(cs, TIMELY_TARGET_FLAG_INDEX, cache);
  const head = getFlagIndexDeltas(cs, TIMELY_HEAD_FLAG_INDEX, cache);
  const inactivity = getInactivityPenaltyDeltas(cs, cache);
  return {
    idealRewards: idealRewards(cs, cache),
    totalRewards: wanted.map((i) => ({validatorIndex: i, head: net(head, i), target: net(target, i), source: net(source, i), inactivity: net(inactivity, i)})),
  };
}

/**
 * The reward of a validator that earned every flag, per effective balance (one entry per increment
 * up to the largest effective balance held): get_flag_index_deltas' reward for a participant,
 * reward_numerator // (active_increments * WEIGHT_DENOMINATOR), zero during an inactivity leak.
 */
function idealRewards(cs: CachedBeaconState, cache: ReturnType<typeof beforeProcessEpoch>): IdealAttestationReward[] {
  const baseRewardPerIncrement = Math.floor((EFFECTIVE_BALANCE_INCREMENT * BASE_REWARD_FACTOR) / integerSquareRoot(cache.totalActiveBalance));
  const activeIncrements = Math.floor(cache.totalActiveBalance / EFFECTIVE_BALANCE_INCREMENT);
  const leak = isInInactivityLeak(cs.state);
  const participating = [cache.prevSourceBalance, cache.prevTargetBalance, cache.prevHeadBalance].map((b) => BigInt(Math.floor(b / EFFECTIVE_BALANCE_INCREMENT)));
  const flagReward = (flag: number, inc: number): number => {
    if (leak) return 0;
    const numerator = BigInt(inc * baseRewardPerIncrement * PARTICIPATION_FLAG_WEIGHTS[flag]) * participating[flag];
    return Number(numerator / BigInt(activeIncrements * WEIGHT_DENOMINATOR));
  };
  const out: IdealAttestationReward[] = [];
  for (let inc = 1; inc <= cache.maxIncrement; inc++) {
    out.push({
      effectiveBalance: inc * EFFECTIVE_BALANCE_INCREMENT,
      head: flagReward(TIMELY_HEAD_FLAG_INDEX, inc),
      target: flagReward(TIMELY_TARGET_FLAG_INDEX, inc),
      source: flagReward(TIMELY_SOURCE_FLAG_INDEX, inc),
      inactivity: 0,
    });
  }
  return out;
}
