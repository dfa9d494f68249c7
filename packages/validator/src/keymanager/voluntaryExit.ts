// keymanager signVoluntaryExit: a SignedVoluntaryExit for one of our local keys, for the operator
// to publish. Since deneb the exit domain is fixed to capella's fork version (EIP-7044), so an exit
// signed once stays valid across later forks.
import {DOMAIN_VOLUNTARY_EXIT, isForkAtLeast, SLOTS_PER_EPOCH} from "@hearth/params";
import {computeSigningRoot, type BeaconConfig} from "@hearth/config";
import type {SecretKey} from "@hearth/bls";
import {phase0} from "@hearth/types";

export interface VoluntaryExitValue {
  message: {epoch: number; validatorIndex: number};
  signature: Uint8Array;
}

/** phase0 validator.md "Voluntary exits", with deneb's EIP-7044 domain. */
export function signVoluntaryExit(config: BeaconConfig, secretKey: SecretKey, validatorIndex: number, epoch: number): VoluntaryExitValue {
  const fork = config.forkAtEpoch(epoch);
  const domain = isForkAtLeast(fork, "deneb") ? config.getDomainAtFork(DOMAIN_VOLUNTARY_EXIT, "capella") : config.getDomain(DOMAIN_VOLUNTARY_EXIT, epoch);
  const message = {epoch, validatorIndex};
  const signingRoot = computeSigningRoot(phase0.VoluntaryExit, message, domain);
  return {message, signature: secretKey.sign(signingRoot).toBytes()};
}

export function voluntaryExitToJson(exit: VoluntaryExitValue): unknown {
  return phase0.SignedVoluntaryExit.toJson(exit);
}

/** The epoch of wall-clock `nowMs` on a chain that started at `genesisTime` (seconds). */
export function currentEpochAt(config: BeaconConfig, genesisTime: number, nowMs: number): number {
  const slotMs = Number(config.chain.SLOT_DURATION_MS);
  const sinceGenesis = nowMs - genesisTime * 1000;
  return sinceGenesis < 0 ? 0 : Math.floor(Math.floor(sinceGenesis / slotMs) / SLOTS_PER_EPOCH);
}
