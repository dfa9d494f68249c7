import type {ChainConfig} from "../chainConfig.js";
import {fromHex as b} from "../bytes.js";
import {mainnetChainConfig} from "./mainnet.js";
import {withoutLaterForks} from "./common.js";

/** Hoodi, as published in eth-clients/hoodi metadata/config.yaml (with its Fulu schedule). */
export const hoodiChainConfig: ChainConfig = Object.freeze({
  // Everything not set here is as on mainnet: the same preset, networking and spec constants.
  ...withoutLaterForks(mainnetChainConfig),
  CONFIG_NAME: "hoodi",
  TERMINAL_TOTAL_DIFFICULTY: 0n,
  MIN_GENESIS_TIME: 1_742_212_800,
  GENESIS_FORK_VERSION: b("0x10000910"),
  GENESIS_DELAY: 600,
  ALTAIR_FORK_VERSION: b("0x20000910"),
  ALTAIR_FORK_EPOCH: 0,
  BELLATRIX_FORK_VERSION: b("0x30000910"),
  BELLATRIX_FORK_EPOCH: 0,
  CAPELLA_FORK_VERSION: b("0x40000910"),
  CAPELLA_FORK_EPOCH: 0,
  DENEB_FORK_VERSION: b("0x50000910"),
  DENEB_FORK_EPOCH: 0,
  ELECTRA_FORK_VERSION: b("0x60000910"),
  ELECTRA_FORK_EPOCH: 2048,
  FULU_FORK_VERSION: b("0x70000910"),
  FULU_FORK_EPOCH: 50688,
  SECONDS_PER_ETH1_BLOCK: 12,
  DEPOSIT_CHAIN_ID: 560_048,
  DEPOSIT_NETWORK_ID: 560_048,
  BLOB_SCHEDULE: [
    {EPOCH: 52480, MAX_BLOBS_PER_BLOCK: 15},
    {EPOCH: 54016, MAX_BLOBS_PER_BLOCK: 21},
  ],
});

/** hash_tree_root of the genesis validators, fixed at genesis: it separates this chain's signatures from every other's. */
export const hoodiGenesisValidatorsRoot = b("0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f");
