import type {ChainConfig} from "../chainConfig.js";
import {fromHex as b} from "../bytes.js";
import {mainnetChainConfig} from "./mainnet.js";
import {withoutLaterForks} from "./common.js";

/** Holesky, as published in eth-clients/holesky metadata/config.yaml. */
export const holeskyChainConfig: ChainConfig = Object.freeze({
  // Everything not set here is as on mainnet: the same preset, networking and spec constants.
  ...withoutLaterForks(mainnetChainConfig),
  CONFIG_NAME: "holesky",
  TERMINAL_TOTAL_DIFFICULTY: 0n,
  MIN_GENESIS_TIME: 1_695_902_100,
  GENESIS_FORK_VERSION: b("0x01017000"),
  GENESIS_DELAY: 300,
  ALTAIR_FORK_VERSION: b("0x02017000"),
  ALTAIR_FORK_EPOCH: 0,
  BELLATRIX_FORK_VERSION: b("0x03017000"),
  BELLATRIX_FORK_EPOCH: 0,
  CAPELLA_FORK_VERSION: b("0x04017000"),
  CAPELLA_FORK_EPOCH: 256,
  DENEB_FORK_VERSION: b("0x05017000"),
  DENEB_FORK_EPOCH: 29696,
  ELECTRA_FORK_VERSION: b("0x06017000"),
  ELECTRA_FORK_EPOCH: 115968,
  FULU_FORK_VERSION: b("0x07017000"),
  FULU_FORK_EPOCH: 165120,
  EJECTION_BALANCE: 28_000_000_000,
  DEPOSIT_CHAIN_ID: 17_000,
  DEPOSIT_NETWORK_ID: 17_000,
  DEPOSIT_CONTRACT_ADDRESS: b("0x4242424242424242424242424242424242424242"),
  BLOB_SCHEDULE: [
    {EPOCH: 166400, MAX_BLOBS_PER_BLOCK: 15},
    {EPOCH: 167936, MAX_BLOBS_PER_BLOCK: 21},
  ],
});

/** hash_tree_root of the genesis validators, fixed at genesis: it separates this chain's signatures from every other's. */
export const holeskyGenesisValidatorsRoot = b("0x9143aa7c615a7f7115e2b6aac319c03529df8242ae705fba9df39b79c59fa8b1");
