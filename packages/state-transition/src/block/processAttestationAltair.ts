import {
  ForkSeq,
  MIN_ATTESTATION_INCLUSION_DELAY,
  PARTICIPATION_FLAG_WEIGHTS,
  PROPOSER_WEIGHT,
  SLOTS_PER_EPOCH,
  SLOTS_PER_HISTORICAL_ROOT,
  TIMELY_HEAD_FLAG_INDEX,
  TIMELY_SOURCE_FLAG_INDEX,
  TIMELY_TARGET_FLAG_INDEX,
  WEIGHT_DENOMINATOR,
} from "@hearth/params";
import type {phase0} from "@hearth/types";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateAllForks, BeaconStatePostAltair, CachedBeaconState} from "../types.js";
import {computeStartSlotAtEpoch, getCurrentEpoch} from "../util/epoch.js";
import {bytesEqual} from "../util/bytes.js";
import {increaseBalance} from "../util/balance.js";
import {getBeaconProposerIndex} from "../util/proposer.js";
import type {AttestationAllForks} from "../util/attestation.js";
import {assertValidAttestationSignature, validateAttestation} from "./validateAttestation.js";
import {getBaseRewardPerIncrement, integerSquareRoot} from "./baseReward.js";

type AttestationData = ValueOf<typeof phase0.AttestationData>;

const PROPOSER_REWARD_DENOMINATOR = ((WEIGHT_DENOMINATOR - PROPOSER_WEIGHT) * WEIGHT_DENOMINATOR) / PROPOSER_WEIGHT;
const TIMELY_SOURCE_MAX_DELAY = integerSquareRoot(SLOTS_PER_EPOCH);

/** get_block_root_at_slot (phase0 beacon-chain.md) */
export function getBlockRootAtSlot(state: BeaconStateAllForks, slot: number): Uint8Array {
  if (!(slot < state.slot && state.slot <= slot + SLOTS_PER_HISTORICAL_ROOT)) {
    throw new Error(`get_block_root_at_slot: slot ${slot} out of range at state slot ${state.slot}`);
  }
  return state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT);
}

/** get_block_root (phase0 beacon-chain.md): the root at the start slot of `epoch`. */
export function getBlockRoot(state: BeaconStateAllForks, epoch: number): Uint8Array {
  return getBlockRootAtSlot(state, computeStartSlotAtEpoch(epoch));
}

/**
 * get_attestation_participation_flag_indices (altair; deneb's EIP-7045 drops the target's
 * inclusion-delay bound), as a bit mask of flag indices.
 */
export function getAttestationParticipationFlags(cs: CachedBeaconState, data: AttestationData, inclusionDelay: number): number {
  const {state} = cs;
  const isCurrent = data.target.epoch === getCurrentEpoch(state);
  const justified = isCurrent ? state.currentJustifiedCheckpoint : state.previousJustifiedCheckpoint;
  const isMatchingSource = data.source.epoch === justified.epoch && bytesEqual(data.source.root, justified.root);
  if (!isMatchingSource) throw new Error("process_attestation: source does not match the justified checkpoint");
  const isMatchingTarget = bytesEqual(data.target.root, getBlockRoot(state, data.target.epoch));
  const isMatchingHead = isMatchingTarget && bytesEqual(data.beaconBlockRoot, getBlockRootAtSlot(state, data.slot));

  let flags = 0;
  if (inclusionDelay <= TIMELY_SOURCE_MAX_DELAY) flags |= 1 << TIMELY_SOURCE_FLAG_INDEX;
  if (isMatchingTarget && (ForkSeq[cs.fork] >= ForkSeq.deneb || inclusionDelay <= SLOTS_PER_EPOCH)) flags |= 1 << TIMELY_TARGET_FLAG_INDEX;
  if (isMatchingHead && inclusionDelay === MIN_ATTESTATION_INCLUSION_DELAY) flags |= 1 << TIMELY_HEAD_FLAG_INDEX;
  return flags;
}

/**
 * process_attestation (altair beacon-chain.md; deneb EIP-7045, electra EIP-7549): sets the
 * attesters' participation flags and rewards the proposer for each flag newly set.
 */
export function processAttestationAltair(cs: CachedBeaconState, attestation: AttestationAllForks, verifySignatures: boolean): void {
  const state = cs.state as BeaconStatePostAltair;
  const {data} = attestation;
  const attesting = validateAttestation(cs, attestation);
  const flags = getAttestationParticipationFlags(cs, data, state.slot - data.slot);
  assertValidAttestationSignature(cs, attestation, attesting, verifySignatures);

  const participation = data.target.epoch === getCurrentEpoch(state) ? state.currentEpochParticipation : state.previousEpochParticipation;
  const increments = cs.epochCtx.effectiveBalanceIncrements;
  const baseRewardPerIncrement = getBaseRewardPerIncrement(cs);
  let proposerRewardNumerator = 0;
  for (const index of attesting) {
    const before = participation.get(index);
    const added = flags & ~before;
    if (added === 0) continue;
    participation.set(index, before | added);
    // get_base_reward from the cached increments: effective balances only change at epoch boundaries.
    const baseReward = increments[index] * baseRewardPerIncrement;
    for (let flagIndex = 0; flagIndex < PARTICIPATION_FLAG_WEIGHTS.length; flagIndex++) {
      if (added & (1 << flagIndex)) proposerRewardNumerator += baseReward * PARTICIPATION_FLAG_WEIGHTS[flagIndex];
    }
  }
  increaseBalance(state, getBeaconProposerIndex(cs), Math.floor(proposerRewardNumerator / PROPOSER_REWARD_DENOMINATOR));
}
