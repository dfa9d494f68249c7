import {DOMAIN_VOLUNTARY_EXIT, FAR_FUTURE_EPOCH, ForkSeq} from "@hearth/params";
import {phase0} from "@hearth/types";
import {computeDomain, computeSigningRoot} from "@hearth/config";
import {verify} from "@hearth/bls";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getDomain} from "../util/domain.js";
import {isActiveValidator} from "../util/validator.js";
import {initiateValidatorExit} from "../util/exit.js";

export type SignedVoluntaryExit = ValueOf<typeof phase0.SignedVoluntaryExit>;

/** get_pending_balance_to_withdraw (electra) */
export function getPendingBalanceToWithdraw(state: BeaconStateElectra, validatorIndex: number): number {
  let total = 0;
  // Views, not values: the list may hold entries pushed earlier in this block and not committed yet.
  for (const w of state.pendingPartialWithdrawals.getAllReadonly()) if (w.validatorIndex === validatorIndex) total += w.amount;
  return total;
}

/**
 * process_voluntary_exit (phase0 beacon-chain.md "Voluntary exits"; deneb EIP-7044 signs with the
 * capella fork version so that exits stay valid forever; electra refuses while partial withdrawals
 * are pending).
 */
export function processVoluntaryExit(cs: CachedBeaconState, signedVoluntaryExit: SignedVoluntaryExit, verifySignatures = true): void {
  const {state, config} = cs;
  const seq = ForkSeq[cs.fork];
  const exit = signedVoluntaryExit.message;
  const index = exit.validatorIndex;
  if (index >= state.validators.length) throw new Error(`process_voluntary_exit: unknown validator ${index}`);
  const validator = state.validators.getReadonly(index);
  const currentEpoch = getCurrentEpoch(state);
  if (!isActiveValidator(validator, currentEpoch)) throw new Error(`process_voluntary_exit: validator ${index} not active`);
  if (validator.exitEpoch !== FAR_FUTURE_EPOCH) throw new Error(`process_voluntary_exit: validator ${index} already exiting`);
  if (currentEpoch < exit.epoch) throw new Error(`process_voluntary_exit: exit epoch ${exit.epoch} is in the future`);
  if (currentEpoch < validator.activationEpoch + config.SHARD_COMMITTEE_PERIOD) {
    throw new Error(`process_voluntary_exit: validator ${index} not active for SHARD_COMMITTEE_PERIOD`);
  }
  if (seq >= ForkSeq.electra && getPendingBalanceToWithdraw(state as BeaconStateElectra, index) !== 0) {
    throw new Error(`process_voluntary_exit: validator ${index} has pending partial withdrawals`);
  }
  if (verifySignatures) {
    const domain =
      seq >= ForkSeq.deneb
        ? computeDomain(DOMAIN_VOLUNTARY_EXIT, config.CAPELLA_FORK_VERSION, state.genesisValidatorsRoot)
        : getDomain(state, DOMAIN_VOLUNTARY_EXIT, exit.epoch);
    const signingRoot = computeSigningRoot(phase0.VoluntaryExit, exit, domain);
    if (!verify(cs.epochCtx.pubkeyCache.getPubkey(index), signingRoot, signedVoluntaryExit.signature)) {
      throw new Error("process_voluntary_exit: invalid signature");
    }
  }
  initiateValidatorExit(cs, index);
}
