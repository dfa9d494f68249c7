// slash_validator (phase0; the penalty and whistleblower quotients change in altair, bellatrix, electra).
import {
  EPOCHS_PER_SLASHINGS_VECTOR,
  ForkSeq,
  MIN_SLASHING_PENALTY_QUOTIENT,
  MIN_SLASHING_PENALTY_QUOTIENT_ALTAIR,
  MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX,
  MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA,
  PROPOSER_REWARD_QUOTIENT,
  PROPOSER_WEIGHT,
  WEIGHT_DENOMINATOR,
  WHISTLEBLOWER_REWARD_QUOTIENT,
  WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA,
  type ForkName,
} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "./epoch.js";
import {initiateValidatorExit} from "./exit.js";
import {decreaseBalance, increaseBalance} from "./balance.js";
import {getBeaconProposerIndex} from "./proposer.js";

function minSlashingPenaltyQuotient(fork: ForkName): number {
  if (ForkSeq[fork] >= ForkSeq.electra) return MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA;
  if (ForkSeq[fork] >= ForkSeq.bellatrix) return MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX;
  if (ForkSeq[fork] >= ForkSeq.altair) return MIN_SLASHING_PENALTY_QUOTIENT_ALTAIR;
  return MIN_SLASHING_PENALTY_QUOTIENT;
}

/** slash_validator */
export function slashValidator(cs: CachedBeaconState, slashedIndex: number, whistleblowerIndex?: number): void {
  const {state, fork} = cs;
  const epoch = getCurrentEpoch(state);
  initiateValidatorExit(cs, slashedIndex);
  const validator = state.validators.get(slashedIndex);
  validator.slashed = true;
  validator.withdrawableEpoch = Math.max(validator.withdrawableEpoch, epoch + EPOCHS_PER_SLASHINGS_VECTOR);
  const effectiveBalance = validator.effectiveBalance;
  const slot = epoch % EPOCHS_PER_SLASHINGS_VECTOR;
  state.slashings.set(slot, state.slashings.get(slot) + effectiveBalance);
  decreaseBalance(state, slashedIndex, Math.floor(effectiveBalance / minSlashingPenaltyQuotient(fork)));

  const proposerIndex = getBeaconProposerIndex(cs);
  const whistleblower = whistleblowerIndex ?? proposerIndex;
  const whistleblowerQuotient = ForkSeq[fork] >= ForkSeq.electra ? WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA : WHISTLEBLOWER_REWARD_QUOTIENT;
  const whistleblowerReward = Math.floor(effectiveBalance / whistleblowerQuotient);
  const proposerReward =
    ForkSeq[fork] >= ForkSeq.altair
      ? Math.floor((whistleblowerReward * PROPOSER_WEIGHT) / WEIGHT_DENOMINATOR)
      : Math.floor(whistleblowerReward / PROPOSER_REWARD_QUOTIENT);
  increaseBalance(state, proposerIndex, proposerReward);
  increaseBalance(state, whistleblower, whistleblowerReward - proposerReward);
}
