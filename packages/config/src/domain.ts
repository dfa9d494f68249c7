// Signature domains and signing roots (phase0 beacon-chain.md, "Misc" helpers).
import type {Type} from "@chainsafe/ssz";
import {phase0} from "@hearth/types";

const ZERO_ROOT = new Uint8Array(32);

/** phase0 beacon-chain.md, compute_fork_data_root: separates signatures across forks and chains. */
export function computeForkDataRoot(currentVersion: Uint8Array, genesisValidatorsRoot: Uint8Array): Uint8Array {
  return phase0.ForkData.hashTreeRoot({currentVersion, genesisValidatorsRoot});
}

/**
 * phase0 beacon-chain.md, compute_domain: the 4-byte domain type, then the first 28 bytes of the
 * fork data root. The spec's default fork version is GENESIS_FORK_VERSION, a config value, so it
 * is not defaulted here: pass `config.GENESIS_FORK_VERSION` (e.g. for DOMAIN_DEPOSIT). The root
 * defaults, as in the spec, to all zeroes.
 */
export function computeDomain(
  domainType: Uint8Array,
  forkVersion: Uint8Array,
  genesisValidatorsRoot: Uint8Array = ZERO_ROOT,
): Uint8Array {
  if (domainType.length !== 4) throw new Error(`domain type must be 4 bytes, got ${domainType.length}`);
  const domain = new Uint8Array(32);
  domain.set(domainType, 0);
  domain.set(computeForkDataRoot(forkVersion, genesisValidatorsRoot).subarray(0, 28), 4);
  return domain;
}

/** phase0 beacon-chain.md, compute_signing_root: the root a BLS signature over `value` signs. */
export function computeSigningRoot<T>(type: Type<T>, value: T, domain: Uint8Array): Uint8Array {
  return phase0.SigningData.hashTreeRoot({objectRoot: type.hashTreeRoot(value), domain});
}
