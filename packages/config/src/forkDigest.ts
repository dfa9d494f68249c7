import {createHash} from "node:crypto";
import type {ChainConfig} from "./chainConfig.js";
import {getBlobParameters} from "./blobParameters.js";
import {computeForkDataRoot} from "./domain.js";
import {computeForkVersion} from "./forkSchedule.js";

/** uint_to_bytes(Uint64(x)): 8 bytes little-endian; FAR_FUTURE_EPOCH (Infinity) is 2**64 - 1. */
function uint64Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value === Infinity ? 2n ** 64n - 1n : BigInt(value), true);
  return bytes;
}

/**
 * compute_fork_digest: phase0 p2p-interface.md, modified in fulu beacon-chain.md (EIP-7892). Before
 * fulu, the first 4 bytes of the fork data root. From fulu on, that root is XORed with the hash of
 * the blob parameters in force, so every blob-parameter-only fork gets its own digest too.
 */
export function computeForkDigest(config: ChainConfig, genesisValidatorsRoot: Uint8Array, epoch: number): Uint8Array {
  const forkVersion = computeForkVersion(config, epoch);
  const baseDigest = computeForkDataRoot(forkVersion, genesisValidatorsRoot);
  if (epoch < config.FULU_FORK_EPOCH) return baseDigest.slice(0, 4);

  const blobParameters = getBlobParameters(config, epoch);
  const mask = createHash("sha256")
    .update(uint64Bytes(blobParameters.epoch))
    .update(uint64Bytes(blobParameters.maxBlobsPerBlock))
    .digest();
  const digest = new Uint8Array(4);
  for (let i = 0; i < 4; i++) digest[i] = baseDigest[i] ^ mask[i];
  return digest;
}
