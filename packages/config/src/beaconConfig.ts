// A chain config bound to one chain's genesis: what signing, verification and networking ask of the
// config at run time, with the per-fork answers (domains, digests) computed once.
import type {ForkName} from "@hearth/params";
import type {phase0} from "@hearth/types";
import type {ChainConfig} from "./chainConfig.js";
import {getBlobParameters, getMaxBlobsPerBlock, type BlobParameters} from "./blobParameters.js";
import {bytesEqual, toHex} from "./bytes.js";
import {computeDomain} from "./domain.js";
import {computeForkDigest} from "./forkDigest.js";
import {createForkSchedule, type ForkSchedule} from "./forkSchedule.js";

/** An epoch at which the fork digest changes: a fork, or (from fulu) a blob-parameter-only fork. */
export interface ForkDigestBoundary {
  readonly epoch: number;
  readonly fork: ForkName;
  readonly digest: Uint8Array;
}

export interface BeaconConfig extends ForkSchedule {
  readonly chain: ChainConfig;
  readonly genesisValidatorsRoot: Uint8Array;
  /** The domain of `domainType` for a message of `epoch`, signed with the fork version in force then. */
  getDomain(domainType: Uint8Array, epoch: number): Uint8Array;
  /** The domain of `domainType` under a given fork (e.g. capella for voluntary exits since deneb, EIP-7044). */
  getDomainAtFork(domainType: Uint8Array, fork: ForkName): Uint8Array;
  /**
   * phase0 beacon-chain.md, get_domain, for a state whose `fork` field is `stateFork`: the previous
   * version for epochs before the state's fork, else the current one.
   */
  getDomainForStateFork(stateFork: phase0.Fork, domainType: Uint8Array, epoch: number): Uint8Array;
  /** compute_fork_digest(genesis_validators_root, epoch), from the precomputed boundaries. */
  forkDigestAtEpoch(epoch: number): Uint8Array;
  /** Every scheduled point where the digest changes, in epoch order. */
  readonly forkDigestBoundaries: readonly ForkDigestBoundary[];
  /** The boundary a digest belongs to (gossip topics and status messages name forks by digest), or null. */
  forkBoundaryOfDigest(digest: Uint8Array): ForkDigestBoundary | null;
  getBlobParameters(epoch: number): BlobParameters;
  getMaxBlobsPerBlock(epoch: number): number;
}

export function createBeaconConfig(chain: ChainConfig, genesisValidatorsRoot: Uint8Array): BeaconConfig {
  if (genesisValidatorsRoot.length !== 32) throw new Error(`genesis validators root must be 32 bytes, got ${genesisValidatorsRoot.length}`);
  const schedule = createForkSchedule(chain);

  // A fork is identified by its version, so (domain type, version) is the cache key for (domain type, fork).
  const domains = new Map<string, Uint8Array>();
  function domainOf(domainType: Uint8Array, forkVersion: Uint8Array): Uint8Array {
    const key = toHex(domainType) + toHex(forkVersion);
    let domain = domains.get(key);
    if (domain === undefined) {
      domain = computeDomain(domainType, forkVersion, genesisValidatorsRoot);
      domains.set(key, domain);
    }
    return domain;
  }

  const forkDigestBoundaries = digestBoundaries(chain, schedule, genesisValidatorsRoot);

  return {
    ...schedule,
    chain,
    genesisValidatorsRoot,
    getDomain: (domainType, epoch) => domainOf(domainType, schedule.computeForkVersion(epoch)),
    getDomainAtFork: (domainType, fork) => domainOf(domainType, schedule.forkVersion(fork)),
    getDomainForStateFork: (stateFork, domainType, epoch) =>
      domainOf(domainType, epoch < stateFork.epoch ? stateFork.previousVersion : stateFork.currentVersion),
    forkDigestAtEpoch(epoch) {
      for (let i = forkDigestBoundaries.length - 1; i >= 0; i--) {
        if (epoch >= forkDigestBoundaries[i].epoch) return forkDigestBoundaries[i].digest;
      }
      return forkDigestBoundaries[0].digest;
    },
    forkDigestBoundaries,
    forkBoundaryOfDigest: (digest) => forkDigestBoundaries.find((b) => bytesEqual(b.digest, digest)) ?? null,
    getBlobParameters: (epoch) => getBlobParameters(chain, epoch),
    getMaxBlobsPerBlock: (epoch) => getMaxBlobsPerBlock(chain, epoch),
  };
}

/**
 * The digest depends on the fork version and, from fulu on, on get_blob_parameters; both change
 * only at a fork epoch or a BLOB_SCHEDULE epoch, so one digest per such epoch covers every epoch.
 */
function digestBoundaries(chain: ChainConfig, schedule: ForkSchedule, genesisValidatorsRoot: Uint8Array): ForkDigestBoundary[] {
  const epochs = new Set<number>(schedule.scheduledForks.map((fork) => fork.epoch));
  for (const entry of chain.BLOB_SCHEDULE) {
    if (entry.EPOCH >= chain.FULU_FORK_EPOCH && entry.EPOCH !== Infinity) epochs.add(entry.EPOCH);
  }
  return [...epochs]
    .sort((a, b) => a - b)
    .map((epoch) => ({
      epoch,
      fork: schedule.forkAtEpoch(epoch),
      digest: computeForkDigest(chain, genesisValidatorsRoot, epoch),
    }));
}
