import type {ChainConfig} from "../chainConfig.js";
import {fromHex as b} from "../bytes.js";
import {mainnetChainConfig} from "./mainnet.js";
import {withoutLaterForks} from "./common.js";

/** Sepolia, as published in eth-clients/sepolia metadata/config.yaml (with its Fulu schedule). */
export const sepoliaChainConfig: ChainConfig = Object.freeze({
  // Everything not set here is as on mainnet: the same preset, networking and spec constants.
  ...withoutLaterForks(mainnetChainConfig),
  CONFIG_NAME: "sepolia",
  TERMINAL_TOTAL_DIFFICULTY: 17000000000000000n,
  MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: 1300,
  MIN_GENESIS_TIME: 1_655_647_200,
  GENESIS_FORK_VERSION: b("0x90000069"),
  GENESIS_DELAY: 86_400,
  ALTAIR_FORK_VERSION: b("0x90000070"),
  ALTAIR_FORK_EPOCH: 50,
  BELLATRIX_FORK_VERSION: b("0x90000071"),
  BELLATRIX_FORK_EPOCH: 100,
  CAPELLA_FORK_VERSION: b("0x90000072"),
  CAPELLA_FORK_EPOCH: 56832,
  DENEB_FORK_VERSION: b("0x90000073"),
  DENEB_FORK_EPOCH: 132608,
  ELECTRA_FORK_VERSION: b("0x90000074"),
  ELECTRA_FORK_EPOCH: 222464,
  FULU_FORK_VERSION: b("0x90000075"),
  FULU_FORK_EPOCH: 272640,
  DEPOSIT_CHAIN_ID: 11_155_111,
  DEPOSIT_NETWORK_ID: 11_155_111,
  DEPOSIT_CONTRACT_ADDRESS: b("0x7f02C3E3c98b133055B8B348B2Ac625669Ed295D"),
  BLOB_SCHEDULE: [
    {EPOCH: 274176, MAX_BLOBS_PER_BLOCK: 15},
    {EPOCH: 275712, MAX_BLOBS_PER_BLOCK: 21},
  ],
});

/** hash_tree_root of the genesis validators, fixed at genesis: it separates this chain's signatures from every other's. */
export const sepoliaGenesisValidatorsRoot = b("0xd8ea171f3c94aea21ebc42a1ed61052acf3f9209c00e4efbaaddac09ed9b8078");
