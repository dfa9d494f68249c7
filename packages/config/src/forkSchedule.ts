// Which fork is in force at an epoch, and the versions and epochs of every fork, from a ChainConfig.
import {FORK_NAMES, ForkSeq, GENESIS_EPOCH, type ForkName} from "@hearth/params";
import type {phase0} from "@hearth/types";
import type {ChainConfig} from "./chainConfig.js";
import {FORK_CONFIG_KEYS} from "./schema.js";

export interface ForkInfo {
  readonly name: ForkName;
  readonly seq: number;
  /** First epoch of the fork; Infinity when the config does not schedule it. */
  readonly epoch: number;
  readonly version: Uint8Array;
  /** The version of the fork before (what the fork's upgrade writes as previous_version); phase0 repeats its own. */
  readonly previousVersion: Uint8Array;
}

export interface ForkSchedule {
  /** Every fork Hearth knows, scheduled or not, by name. */
  readonly forks: Readonly<Record<ForkName, ForkInfo>>;
  /** The forks with a finite epoch, in fork order (phase0 first). */
  readonly scheduledForks: readonly ForkInfo[];
  forkAtEpoch(epoch: number): ForkName;
  forkInfoAtEpoch(epoch: number): ForkInfo;
  forkVersion(fork: ForkName): Uint8Array;
  forkEpoch(fork: ForkName): number;
  /** The Fork container a BeaconState holds at `epoch`: the fork in force and the one it followed. */
  stateForkAtEpoch(epoch: number): phase0.Fork;
  /** The fork version in force at `epoch` (fulu p2p-interface.md, compute_fork_version). */
  computeForkVersion(epoch: number): Uint8Array;
  /** The first scheduled fork that starts after `epoch`, or null when none is scheduled. */
  nextForkAfter(epoch: number): ForkInfo | null;
}

/** The forks of `config`, each with its epoch and version. */
export function forkInfos(config: ChainConfig): Record<ForkName, ForkInfo> {
  const infos = {} as Record<ForkName, ForkInfo>;
  let previousVersion = config.GENESIS_FORK_VERSION;
  for (const name of FORK_NAMES) {
    const keys = name === "phase0" ? null : FORK_CONFIG_KEYS[name];
    const version = keys === null ? config.GENESIS_FORK_VERSION : config[keys.version];
    const epoch = keys === null ? GENESIS_EPOCH : config[keys.epoch];
    infos[name] = {name, seq: ForkSeq[name], epoch, version, previousVersion};
    previousVersion = version;
  }
  return infos;
}

/**
 * compute_fork_version (fulu p2p-interface.md): the version of the latest fork whose epoch is at or
 * before `epoch`. Forks scheduled at the same epoch resolve to the later one.
 */
export function computeForkVersion(config: ChainConfig, epoch: number): Uint8Array {
  const infos = forkInfos(config);
  for (let i = FORK_NAMES.length - 1; i > 0; i--) {
    const info = infos[FORK_NAMES[i]];
    if (epoch >= info.epoch) return info.version;
  }
  return config.GENESIS_FORK_VERSION;
}

export function createForkSchedule(config: ChainConfig): ForkSchedule {
  const forks = Object.freeze(forkInfos(config));
  const scheduledForks = Object.freeze(FORK_NAMES.map((name) => forks[name]).filter((f) => f.epoch !== Infinity));
  // latest first, so the first fork at or before an epoch is the one in force
  const latestFirst = [...scheduledForks].reverse();

  function forkInfoAtEpoch(epoch: number): ForkInfo {
    for (const fork of latestFirst) if (epoch >= fork.epoch) return fork;
    return forks.phase0;
  }

  return {
    forks,
    scheduledForks,
    forkAtEpoch: (epoch) => forkInfoAtEpoch(epoch).name,
    forkInfoAtEpoch,
    forkVersion: (fork) => forks[fork].version,
    forkEpoch: (fork) => forks[fork].epoch,
    stateForkAtEpoch(epoch) {
      const fork = forkInfoAtEpoch(epoch);
      return {previousVersion: fork.previousVersion, currentVersion: fork.version, epoch: fork.epoch};
    },
    computeForkVersion: (epoch) => forkInfoAtEpoch(epoch).version,
    nextForkAfter: (epoch) => scheduledForks.find((fork) => fork.epoch > epoch) ?? null,
  };
}
