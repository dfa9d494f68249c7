// process_bls_to_execution_change (capella beacon-chain.md): a validator with a BLS (0x00) credential
// moves to an execution address, once, by signing with the key its credential commits to.
import {digest} from "@chainsafe/as-sha256";
import {BLS_WITHDRAWAL_PREFIX, DOMAIN_BLS_TO_EXECUTION_CHANGE, ETH1_ADDRESS_WITHDRAWAL_PREFIX} from "@hearth/params";
import {capella} from "@hearth/types";
import {computeDomain, computeSigningRoot} from "@hearth/config";
import {verify} from "@hearth/bls";
import type {ValueOf} from "@chainsafe/ssz";
import type {BeaconStateCapella, CachedBeaconState} from "../types.js";

type SignedBLSToExecutionChange = ValueOf<typeof capella.SignedBLSToExecutionChange>;

/**
 * The signing root of an address change. The domain is fork-agnostic (GENESIS_FORK_VERSION with the
 * chain's genesis_validators_root) so that a change signed once stays valid across forks.
 */
function getBlsToExecutionChangeSigningRoot(cs: CachedBeaconState, change: SignedBLSToExecutionChange["message"]): Uint8Array {
  const domain = computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, cs.config.GENESIS_FORK_VERSION, cs.state.genesisValidatorsRoot);
  return computeSigningRoot(capella.BLSToExecutionChange, change, domain);
}

/** process_bls_to_execution_change */
export function processBlsToExecutionChange(cs: CachedBeaconState, signed: SignedBLSToExecutionChange, verifySignatures = true): void {
  const state = cs.state as BeaconStateCapella;
  const change = signed.message;
  if (change.validatorIndex >= state.validators.length) {
    throw new Error(`process_bls_to_execution_change: validator index ${change.validatorIndex} out of range`);
  }
  const validator = state.validators.get(change.validatorIndex);
  const credentials = validator.withdrawalCredentials;
  if (credentials[0] !== BLS_WITHDRAWAL_PREFIX) {
    throw new Error("process_bls_to_execution_change: withdrawal credential is not a BLS credential");
  }
  const pubkeyHash = digest(change.fromBlsPubkey);
  for (let i = 1; i < 32; i++) {
    if (credentials[i] !== pubkeyHash[i]) throw new Error("process_bls_to_execution_change: from_bls_pubkey does not match the credential");
  }
  if (verifySignatures && !verify(change.fromBlsPubkey, getBlsToExecutionChangeSigningRoot(cs, change), signed.signature)) {
    throw new Error("process_bls_to_execution_change: invalid signature");
  }

  const newCredentials = new Uint8Array(32);
  newCredentials[0] = ETH1_ADDRESS_WITHDRAWAL_PREFIX;
  newCredentials.set(change.toExecutionAddress, 12);
  validator.withdrawalCredentials = newCredentials;
}
