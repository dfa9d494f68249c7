import type {ChainConfig} from "../chainConfig.js";
import {mainnetChainConfig, mainnetGenesisValidatorsRoot} from "./mainnet.js";
import {minimalChainConfig} from "./minimal.js";
import {sepoliaChainConfig, sepoliaGenesisValidatorsRoot} from "./sepolia.js";
import {holeskyChainConfig, holeskyGenesisValidatorsRoot} from "./holesky.js";
import {hoodiChainConfig, hoodiGenesisValidatorsRoot} from "./hoodi.js";

export {mainnetChainConfig, mainnetGenesisValidatorsRoot} from "./mainnet.js";
export {minimalChainConfig} from "./minimal.js";
export {sepoliaChainConfig, sepoliaGenesisValidatorsRoot} from "./sepolia.js";
export {holeskyChainConfig, holeskyGenesisValidatorsRoot} from "./holesky.js";
export {hoodiChainConfig, hoodiGenesisValidatorsRoot} from "./hoodi.js";
export {getNetworkBootnodes} from "./bootnodes.js";

/** The networks Hearth knows by name. "minimal" is the spec tests' config, not a public network. */
export const NETWORK_NAMES = ["mainnet", "sepolia", "holesky", "hoodi", "minimal"] as const;
export type NetworkName = (typeof NETWORK_NAMES)[number];

const configs: Record<NetworkName, ChainConfig> = {
  mainnet: mainnetChainConfig,
  sepolia: sepoliaChainConfig,
  holesky: holeskyChainConfig,
  hoodi: hoodiChainConfig,
  minimal: minimalChainConfig,
};

const genesisValidatorsRoots: Record<NetworkName, Uint8Array | null> = {
  mainnet: mainnetGenesisValidatorsRoot,
  sepolia: sepoliaGenesisValidatorsRoot,
  holesky: holeskyGenesisValidatorsRoot,
  hoodi: hoodiGenesisValidatorsRoot,
  // every minimal-config chain has its own genesis
  minimal: null,
};

export function isNetworkName(name: string): name is NetworkName {
  return (NETWORK_NAMES as readonly string[]).includes(name);
}

/** The built-in chain config of a network; throws for a name Hearth does not know. */
export function getNetworkConfig(name: string): ChainConfig {
  if (!isNetworkName(name)) throw new Error(`Unknown network "${name}", known: ${NETWORK_NAMES.join(", ")}`);
  return configs[name];
}

/** The genesis validators root of a live network, or null for minimal (each such chain has its own). */
export function getNetworkGenesisValidatorsRoot(name: NetworkName): Uint8Array | null {
  return genesisValidatorsRoots[name];
}
