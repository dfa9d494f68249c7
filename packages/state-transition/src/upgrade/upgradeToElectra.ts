import {FAR_FUTURE_EPOCH, GENESIS_SLOT, UNSET_DEPOSIT_REQUESTS_START_INDEX} from "@hearth/params";
import {electra} from "@hearth/types";
import {G2_POINT_AT_INFINITY} from "@hearth/bls";
import type {BeaconStateElectra, CachedBeaconState} from "../types.js";
import {computeActivationExitEpoch, getCurrentEpoch} from "../util/epoch.js";
import {getActivationExitChurnLimit, getConsolidationChurnLimit} from "../util/churn.js";
import {hasCompoundingWithdrawalCredential} from "../util/validator.js";
import {queueExcessActiveBalance} from "../util/electra.js";
import {carryOverState} from "./carryOver.js";
import {replaceState, setUpgradedFork} from "./common.js";

/**
 * upgrade_to_electra (electra fork.md): the balance-based churn starts from the registry's latest
 * exit, and stake that is not active yet (validators still waiting for activation, and compounding
 * validators' balance above 32 ETH) is moved into the new pending-deposit queue to be churned in.
 */
export function upgradeToElectra(cs: CachedBeaconState): void {
  const validators = cs.state.validators.getAllReadonlyValues();
  const activationExitEpoch = computeActivationExitEpoch(getCurrentEpoch(cs.state));
  let earliestExitEpoch = activationExitEpoch;
  for (const v of validators) if (v.exitEpoch !== FAR_FUTURE_EPOCH && v.exitEpoch > earliestExitEpoch) earliestExitEpoch = v.exitEpoch;
  earliestExitEpoch += 1;

  const post = carryOverState(cs.state, electra.BeaconState);
  setUpgradedFork(cs, post, "electra");
  post.depositRequestsStartIndex = UNSET_DEPOSIT_REQUESTS_START_INDEX;
  post.earliestExitEpoch = earliestExitEpoch;
  post.earliestConsolidationEpoch = activationExitEpoch;
  replaceState(cs, "electra", post);

  // The churn limits read the total active balance, which nothing below changes: the stake moved
  // to the queue belongs to validators that are not active, or is above their effective balance.
  post.exitBalanceToConsume = getActivationExitChurnLimit(cs);
  post.consolidationBalanceToConsume = getConsolidationChurnLimit(cs);

  const preActivation: number[] = [];
  for (let i = 0; i < validators.length; i++) if (validators[i].activationEpoch === FAR_FUTURE_EPOCH) preActivation.push(i);
  preActivation.sort((a, b) => validators[a].activationEligibilityEpoch - validators[b].activationEligibilityEpoch || a - b);
  for (const index of preActivation) {
    const balance = post.balances.get(index);
    post.balances.set(index, 0);
    const validator = post.validators.get(index);
    validator.effectiveBalance = 0;
    validator.activationEligibilityEpoch = FAR_FUTURE_EPOCH;
    cs.epochCtx.setEffectiveBalance(index, 0);
    post.pendingDeposits.push(
      electra.PendingDeposit.toViewDU({
        pubkey: validator.pubkey,
        withdrawalCredentials: validator.withdrawalCredentials,
        amount: balance,
        signature: G2_POINT_AT_INFINITY,
        slot: GENESIS_SLOT,
      })
    );
  }

  // Early adopters of compounding credentials go through the activation churn for their excess.
  for (let i = 0; i < validators.length; i++) {
    if (hasCompoundingWithdrawalCredential(validators[i].withdrawalCredentials)) queueExcessActiveBalance(post as BeaconStateElectra, i);
  }
}
