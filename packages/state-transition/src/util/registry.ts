// Adding validators: get_validator_from_deposit, add_validator_to_registry (phase0, altair, electra)
// and is_valid_deposit_signature.
import {DOMAIN_DEPOSIT, EFFECTIVE_BALANCE_INCREMENT, FAR_FUTURE_EPOCH, ForkSeq, MAX_EFFECTIVE_BALANCE, type ForkName} from "@hearth/params";
import {phase0} from "@hearth/types";
import {computeDomain, computeSigningRoot, type ChainConfig} from "@hearth/config";
import {verify} from "@hearth/bls";
import type {CachedBeaconState, BeaconStatePostAltair} from "../types.js";
import {getMaxEffectiveBalance} from "./validator.js";

/** get_validator_from_deposit: electra caps by the credential's own maximum. */
export function getValidatorFromDeposit(fork: ForkName, pubkey: Uint8Array, withdrawalCredentials: Uint8Array, amount: number): phase0.Validator {
  const max = ForkSeq[fork] >= ForkSeq.electra ? getMaxEffectiveBalance(withdrawalCredentials) : MAX_EFFECTIVE_BALANCE;
  return {
    pubkey,
    withdrawalCredentials,
    effectiveBalance: Math.min(amount - (amount % EFFECTIVE_BALANCE_INCREMENT), max),
    slashed: false,
    activationEligibilityEpoch: FAR_FUTURE_EPOCH,
    activationEpoch: FAR_FUTURE_EPOCH,
    exitEpoch: FAR_FUTURE_EPOCH,
    withdrawableEpoch: FAR_FUTURE_EPOCH,
  };
}

/** add_validator_to_registry: appends the validator, its balance and (altair) its zeroed flags and score. */
export function addValidatorToRegistry(cs: CachedBeaconState, pubkey: Uint8Array, withdrawalCredentials: Uint8Array, amount: number): number {
  const {state, fork} = cs;
  const index = state.validators.length;
  const validator = getValidatorFromDeposit(fork, pubkey, withdrawalCredentials, amount);
  state.validators.push(phase0.ValidatorNodeStruct.toViewDU(validator));
  state.balances.push(amount);
  if (ForkSeq[fork] >= ForkSeq.altair) {
    const s = state as BeaconStatePostAltair;
    s.previousEpochParticipation.push(0);
    s.currentEpochParticipation.push(0);
    s.inactivityScores.push(0);
  }
  cs.epochCtx.addValidator(index, pubkey, validator.effectiveBalance);
  return index;
}

/**
 * is_valid_deposit_signature: the proof of possession, over the fork-agnostic deposit domain. False
 * (never a throw) for a pubkey or signature that does not decode.
 */
export function isValidDepositSignature(
  config: ChainConfig,
  pubkey: Uint8Array,
  withdrawalCredentials: Uint8Array,
  amount: number,
  signature: Uint8Array
): boolean {
  const domain = computeDomain(DOMAIN_DEPOSIT, config.GENESIS_FORK_VERSION);
  const signingRoot = computeSigningRoot(phase0.DepositMessage, {pubkey, withdrawalCredentials, amount}, domain);
  try {
    return verify(pubkey, signingRoot, signature);
  } catch {
    return false;
  }
}
