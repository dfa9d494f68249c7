// The interop "quick-start" genesis of eth2.0-pm interop/mocked_start: N validators with the shared,
// publicly known keys, 32 ETH each, built through initialize_beacon_state_from_eth1 from junk eth1
// values, then given the requested genesis time. Keys here are NOT secret: for dev chains and tests.
import {digest} from "@chainsafe/as-sha256";
import {BLS_WITHDRAWAL_PREFIX, DOMAIN_DEPOSIT, FORK_NAMES, ForkSeq, MAX_EFFECTIVE_BALANCE, type ForkName} from "@hearth/params";
import {phase0} from "@hearth/types";
import {FORK_CONFIG_KEYS, computeDomain, computeSigningRoot, type ChainConfig} from "@hearth/config";
import {SecretKey} from "@hearth/bls";
import {Tree} from "@chainsafe/persistent-merkle-tree";
import type {CachedBeaconState} from "../types.js";
import type {PubkeyCache} from "../cache/pubkeyCache.js";
import {upgradeStateToFork} from "../upgrade/upgradeState.js";
import {DepositDataList, initializeBeaconStateFromEth1, type Deposit} from "./initializeBeaconState.js";

/** The BLS12-381 subgroup order r. */
const CURVE_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
/** The mocked start's coordinated junk eth1 values. */
export const INTEROP_ETH1_BLOCK_HASH = new Uint8Array(32).fill(0x42);
export const INTEROP_ETH1_TIMESTAMP = 2 ** 40;

/** privkey = int.from_bytes(sha256(index.to_bytes(32, "little")), "little") % CURVE_ORDER */
export function interopSecretKey(index: number): SecretKey {
  const input = new Uint8Array(32);
  new DataView(input.buffer).setBigUint64(0, BigInt(index), true);
  const hash = digest(input);
  let scalar = 0n;
  for (let i = 31; i >= 0; i--) scalar = (scalar << 8n) | BigInt(hash[i]);
  scalar %= CURVE_ORDER;
  // blst takes the scalar big-endian
  const bytes = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    bytes[i] = Number(scalar & 0xffn);
    scalar >>= 8n;
  }
  return SecretKey.fromBytes(bytes);
}

export function interopSecretKeys(count: number): SecretKey[] {
  return Array.from({length: count}, (_, i) => interopSecretKey(i));
}

/**
 * The mocked start's deposits: BLS withdrawal credentials (BLS_WITHDRAWAL_PREFIX + hash(pubkey)[1:]),
 * MAX_EFFECTIVE_BALANCE each, signed, each with its proof against the deposit tree of the deposits
 * up to and including it.
 */
export function interopDeposits(config: ChainConfig, secretKeys: SecretKey[]): Deposit[] {
  const domain = computeDomain(DOMAIN_DEPOSIT, config.GENESIS_FORK_VERSION);
  const leaves = DepositDataList.defaultViewDU();
  return secretKeys.map((sk, index) => {
    const pubkey = sk.toPublicKey().toBytes();
    const withdrawalCredentials = digest(pubkey);
    withdrawalCredentials[0] = BLS_WITHDRAWAL_PREFIX;
    const message = {pubkey, withdrawalCredentials, amount: MAX_EFFECTIVE_BALANCE};
    const signature = sk.sign(computeSigningRoot(phase0.DepositMessage, message, domain)).toBytes();
    const data = {...message, signature};
    leaves.push(phase0.DepositData.toViewDU(data));
    leaves.commit();
    // The branch of leaf `index` up to the list root, the length mix-in included: DEPOSIT_CONTRACT_TREE_DEPTH + 1 nodes.
    const proof = new Tree(leaves.node).getSingleProof(DepositDataList.getPropertyGindex(index) as bigint);
    return {proof, data};
  });
}

export interface InteropGenesisOptions {
  /** Shares the chain's pubkey cache with the genesis state. */
  pubkeyCache?: PubkeyCache;
}

/**
 * A genesis state for `validatorCount` interop validators at `fork`: every fork up to `fork` is active
 * from genesis, by the upgrades applied to the phase0 genesis state as each fork.md prescribes for a
 * network that starts at that fork. Post-merge forks start with an empty execution payload header.
 * `config` must schedule every fork up to `fork` at epoch 0 and none after it.
 */
export function createInteropGenesisState(
  config: ChainConfig,
  fork: ForkName,
  validatorCount: number,
  genesisTime: number,
  opts: InteropGenesisOptions = {}
): CachedBeaconState {
  for (const f of FORK_NAMES) {
    if (f === "phase0") continue;
    const atGenesis = config[FORK_CONFIG_KEYS[f].epoch] === 0;
    if (atGenesis !== ForkSeq[f] <= ForkSeq[fork]) {
      throw new Error(`interop genesis at ${fork}: config has ${FORK_CONFIG_KEYS[f].epoch} = ${config[FORK_CONFIG_KEYS[f].epoch]}`);
    }
  }
  const deposits = interopDeposits(config, interopSecretKeys(validatorCount));
  const cs = initializeBeaconStateFromEth1(config, INTEROP_ETH1_BLOCK_HASH, INTEROP_ETH1_TIMESTAMP, deposits, opts.pubkeyCache);
  cs.state.genesisTime = genesisTime;
  for (const f of FORK_NAMES) if (ForkSeq[f] > ForkSeq.phase0 && ForkSeq[f] <= ForkSeq[fork]) upgradeStateToFork(cs, f);
  return cs;
}

/** hash_tree_root of the genesis state's latest block header with its state root filled: the genesis block root. */
export function genesisBlockRoot(cs: CachedBeaconState): Uint8Array {
  const header = cs.state.latestBlockHeader.toValue();
  return phase0.BeaconBlockHeader.hashTreeRoot({...header, stateRoot: cs.state.hashTreeRoot()});
}

