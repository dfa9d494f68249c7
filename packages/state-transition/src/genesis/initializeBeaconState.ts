// phase0 beacon-chain.md "Genesis": the candidate state built from the deposit contract's deposits, and
// the trigger that makes a candidate the genesis state. Later forks define no genesis of their own:
// a network that starts at a later fork applies that fork's upgrades to this state (each fork.md,
// "Fork trigger").
import {
  DEPOSIT_CONTRACT_TREE_DEPTH,
  EFFECTIVE_BALANCE_INCREMENT,
  EPOCHS_PER_HISTORICAL_VECTOR,
  GENESIS_EPOCH,
  MAX_EFFECTIVE_BALANCE,
} from "@hearth/params";
import {phase0} from "@hearth/types";
import type {ChainConfig} from "@hearth/config";
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import type {BeaconStateAllForks, BeaconStatePhase0, CachedBeaconState} from "../types.js";
import {createCachedBeaconState} from "../cache/cachedState.js";
import {createEpochContext} from "../cache/epochContext.js";
import type {PubkeyCache} from "../cache/pubkeyCache.js";
import {processDeposit} from "../block/processDeposit.js";
import {isActiveValidator} from "../util/validator.js";

export type Deposit = ValueOf<typeof phase0.Deposit>;

/** List[DepositData, 2**DEPOSIT_CONTRACT_TREE_DEPTH]: the deposit contract's tree, whose root is eth1_data.deposit_root. */
export const DepositDataList = new ListCompositeType(phase0.DepositData, 2 ** DEPOSIT_CONTRACT_TREE_DEPTH);

/** initialize_beacon_state_from_eth1 (phase0 beacon-chain.md "Genesis"). */
export function initializeBeaconStateFromEth1(
  config: ChainConfig,
  eth1BlockHash: Uint8Array,
  eth1Timestamp: number,
  deposits: Deposit[],
  pubkeyCache?: PubkeyCache
): CachedBeaconState {
  const state = phase0.BeaconState.defaultViewDU() as BeaconStatePhase0;
  state.genesisTime = eth1Timestamp + config.GENESIS_DELAY;
  state.fork = phase0.Fork.toViewDU({previousVersion: config.GENESIS_FORK_VERSION, currentVersion: config.GENESIS_FORK_VERSION, epoch: GENESIS_EPOCH});
  state.eth1Data = phase0.Eth1Data.toViewDU({depositRoot: new Uint8Array(32), depositCount: deposits.length, blockHash: eth1BlockHash});
  state.latestBlockHeader = phase0.BeaconBlockHeader.toViewDU({
    ...phase0.BeaconBlockHeader.defaultValue(),
    bodyRoot: phase0.BeaconBlockBody.hashTreeRoot(phase0.BeaconBlockBody.defaultValue()),
  });
  // Seed RANDAO with Eth1 entropy
  state.randaoMixes = phase0.BeaconState.fields.randaoMixes.toViewDU(new Array<Uint8Array>(EPOCHS_PER_HISTORICAL_VECTOR).fill(eth1BlockHash));
  const cs = createCachedBeaconState("phase0", state, config, pubkeyCache);

  // Each deposit is checked against the root of the deposits up to and including it, as the
  // contract's root was when it was made; the list is grown one leaf at a time to re-hash only a path.
  const leaves = DepositDataList.defaultViewDU();
  for (const deposit of deposits) {
    leaves.push(phase0.DepositData.toViewDU(deposit.data));
    state.eth1Data.depositRoot = leaves.hashTreeRoot();
    processDeposit(cs, deposit);
  }

  // Process activations
  const validatorCount = state.validators.length;
  for (let i = 0; i < validatorCount; i++) {
    const validator = state.validators.get(i);
    const balance = state.balances.get(i);
    validator.effectiveBalance = Math.min(balance - (balance % EFFECTIVE_BALANCE_INCREMENT), MAX_EFFECTIVE_BALANCE);
    if (validator.effectiveBalance === MAX_EFFECTIVE_BALANCE) {
      validator.activationEligibilityEpoch = GENESIS_EPOCH;
      validator.activationEpoch = GENESIS_EPOCH;
    }
  }

  // Set genesis validators root for domain separation and chain versioning
  state.genesisValidatorsRoot = state.validators.hashTreeRoot();
  // Activations changed the active set of this very epoch, so no shuffling of the old cache is reused.
  cs.epochCtx = createEpochContext(state, config, "phase0", cs.epochCtx.pubkeyCache);
  return cs;
}

/** is_valid_genesis_state (phase0 beacon-chain.md "Genesis state") */
export function isValidGenesisState(config: ChainConfig, state: BeaconStateAllForks): boolean {
  if (state.genesisTime < config.MIN_GENESIS_TIME) return false;
  let active = 0;
  for (const validator of state.validators.getAllReadonlyValues()) if (isActiveValidator(validator, GENESIS_EPOCH)) active++;
  return active >= config.MIN_GENESIS_ACTIVE_VALIDATOR_COUNT;
}
