import {ACTIVE_PRESET, FORK_NAMES, ForkSeq, type ForkName} from "@hearth/params";
import {FORK_CONFIG_KEYS, getNetworkConfig, type ChainConfig} from "@hearth/config";

/** The preset's config with every fork up to `fork` at genesis and the later ones unscheduled. */
export function configAtGenesis(fork: ForkName): ChainConfig {
  const epochs: Record<string, number> = {};
  for (const f of FORK_NAMES) if (f !== "phase0") epochs[FORK_CONFIG_KEYS[f].epoch] = ForkSeq[f] <= ForkSeq[fork] ? 0 : Infinity;
  return {...getNetworkConfig(ACTIVE_PRESET === "minimal" ? "minimal" : "mainnet"), ...epochs} as ChainConfig;
}
