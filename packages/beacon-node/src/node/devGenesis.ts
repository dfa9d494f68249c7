// The dev chain's genesis: N interop validators at the chosen fork, with the mock execution engine's
// genesis block in the state once the merge is part of it, so that payloads build on a known parent.
import {ForkSeq, FORK_NAMES, type ForkName} from "@hearth/params";
import {FORK_CONFIG_KEYS, getNetworkConfig, type ChainConfig} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import {createInteropGenesisState, type BeaconStateBellatrix, type CachedBeaconState, type PubkeyCache} from "@hearth/state-transition";
import {createGenesisExecutionPayloadHeader, DEFAULT_MOCK_GENESIS_BLOCK_HASH} from "../execution/index.js";

export interface DevChainOptions {
  preset: "minimal" | "mainnet";
  /** Epoch of each fork after phase0; a fork missing here is active from genesis. */
  forkEpochs?: Partial<Record<ForkName, number>>;
  secondsPerSlot?: number;
}

/** The dev chain's config: the preset's spec config with the dev fork schedule and slot time. */
export function devChainConfig(opts: DevChainOptions): ChainConfig {
  const base = getNetworkConfig(opts.preset === "minimal" ? "minimal" : "mainnet");
  const overrides: Record<string, unknown> = {CONFIG_NAME: "dev", MIN_GENESIS_TIME: 0, GENESIS_DELAY: 0};
  let previous = 0;
  for (const fork of FORK_NAMES) {
    if (fork === "phase0") continue;
    const epoch = opts.forkEpochs?.[fork] ?? 0;
    if (epoch < previous) throw new Error(`--forkEpochs: ${fork} at epoch ${epoch} comes before an earlier fork at ${previous}`);
    overrides[FORK_CONFIG_KEYS[fork].epoch] = epoch;
    previous = epoch;
  }
  if (opts.secondsPerSlot !== undefined) {
    overrides.SECONDS_PER_SLOT = opts.secondsPerSlot;
    overrides.SLOT_DURATION_MS = opts.secondsPerSlot * 1000;
  }
  return {...base, ...overrides} as ChainConfig;
}

/** The fork at genesis: the last fork scheduled at epoch 0. */
export function genesisFork(config: ChainConfig): ForkName {
  let fork: ForkName = "phase0";
  for (const f of FORK_NAMES) if (f !== "phase0" && config[FORK_CONFIG_KEYS[f].epoch] === 0) fork = f;
  return fork;
}

/**
 * Interop genesis at `genesisTime`. A post-merge genesis gets the mock engine's genesis block as its
 * latest execution payload header (initialize_beacon_state_from_eth1's execution_payload_header).
 */
export function createDevGenesis(config: ChainConfig, validatorCount: number, genesisTime: number, pubkeyCache?: PubkeyCache): CachedBeaconState {
  // The interop genesis wants a config whose schedule starts at the genesis fork.
  const fork = genesisFork(config);
  const cs = createInteropGenesisState(config, fork, validatorCount, genesisTime, {pubkeyCache});
  if (ForkSeq[fork] >= ForkSeq.bellatrix) {
    const header = createGenesisExecutionPayloadHeader(fork, DEFAULT_MOCK_GENESIS_BLOCK_HASH, genesisTime);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const type = (sszTypesFor(fork).BeaconState as any).fields.latestExecutionPayloadHeader;
    (cs.state as BeaconStateBellatrix).latestExecutionPayloadHeader = type.toViewDU(header);
    cs.state.commit();
  }
  return cs;
}
