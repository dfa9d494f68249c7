// process_slashings: the correlation penalty of slashed validators halfway to withdrawability
// (phase0; altair and bellatrix raise the multiplier; electra computes a penalty per increment).
import {
  EFFECTIVE_BALANCE_INCREMENT,
  EPOCHS_PER_SLASHINGS_VECTOR,
  ForkSeq,
  PROPORTIONAL_SLASHING_MULTIPLIER,
  PROPORTIONAL_SLASHING_MULTIPLIER_ALTAIR,
  PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX,
  type ForkName,
} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {decreaseBalance} from "../util/balance.js";
import {beforeProcessEpoch, syncBalance, type EpochTransitionCache} from "./epochTransitionCache.js";

function proportionalSlashingMultiplier(fork: ForkName): number {
  if (ForkSeq[fork] >= ForkSeq.bellatrix) return PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX;
  if (ForkSeq[fork] >= ForkSeq.altair) return PROPORTIONAL_SLASHING_MULTIPLIER_ALTAIR;
  return PROPORTIONAL_SLASHING_MULTIPLIER;
}

/**
 * process_slashings. Only slashed validators can be penalized, and the cache lists them; their
 * withdrawable epoch is re-read from the state. Sums and products are in bigint: the slashings sum
 * times the multiplier times an effective balance can pass 2**53.
 */
export function processSlashings(cs: CachedBeaconState, cache?: EpochTransitionCache): void {
  const c = cache ?? beforeProcessEpoch(cs);
  const {state, fork} = cs;
  const epoch = c.currentEpoch;
  const targetWithdrawableEpoch = epoch + EPOCHS_PER_SLASHINGS_VECTOR / 2;
  const toPenalize = c.slashedIndices.filter((i) => state.validators.getReadonly(i).withdrawableEpoch === targetWithdrawableEpoch);
  if (toPenalize.length === 0) return;

  const increment = BigInt(EFFECTIVE_BALANCE_INCREMENT);
  const totalBalance = BigInt(cs.epochCtx.totalActiveBalanceIncrements) * increment;
  let slashingsSum = 0n;
  for (const s of state.slashings.getAll()) slashingsSum += BigInt(s);
  const product = slashingsSum * BigInt(proportionalSlashingMultiplier(fork));
  const adjustedTotalSlashingBalance = product < totalBalance ? product : totalBalance;
  const electra = ForkSeq[fork] >= ForkSeq.electra;
  const penaltyPerIncrement = adjustedTotalSlashingBalance / (totalBalance / increment);

  for (const i of toPenalize) {
    const effectiveBalanceIncrements = BigInt(state.validators.getReadonly(i).effectiveBalance) / increment;
    const penalty = electra
      ? penaltyPerIncrement * effectiveBalanceIncrements
      : ((effectiveBalanceIncrements * adjustedTotalSlashingBalance) / totalBalance) * increment;
    decreaseBalance(state, i, Number(penalty));
    syncBalance(c, state, i);
  }
}
