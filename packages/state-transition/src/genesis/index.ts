export {initializeBeaconStateFromEth1, isValidGenesisState, DepositDataList, type Deposit} from "./initializeBeaconState.js";
export {
  createInteropGenesisState,
  interopSecretKey,
  interopSecretKeys,
  interopDeposits,
  genesisBlockRoot,
  INTEROP_ETH1_BLOCK_HASH,
  INTEROP_ETH1_TIMESTAMP,
  type InteropGenesisOptions,
} from "./interop.js";
