import {sszTypesFor} from "@hearth/types";
import type {ForkName} from "@hearth/params";
import type {ChainConfig} from "@hearth/config";
import type {BeaconStateAllForks, CachedBeaconState} from "../types.js";
import {createEpochContext} from "./epochContext.js";
import {PubkeyCache} from "./pubkeyCache.js";

/** A state view with its epoch cache built; the pubkey cache is shared with other states of the chain. */
export function createCachedBeaconState(
  fork: ForkName,
  state: BeaconStateAllForks,
  config: ChainConfig,
  pubkeyCache: PubkeyCache = new PubkeyCache()
): CachedBeaconState {
  return {fork, state, config, epochCtx: createEpochContext(state, config, fork, pubkeyCache)};
}

/** Deserializes an SSZ state of `fork` into a tree-backed view, with its caches. */
export function loadCachedBeaconState(fork: ForkName, bytes: Uint8Array, config: ChainConfig, pubkeyCache?: PubkeyCache): CachedBeaconState {
  const state = sszTypesFor(fork).BeaconState.deserializeToViewDU(bytes) as BeaconStateAllForks;
  return createCachedBeaconState(fork, state, config, pubkeyCache);
}
