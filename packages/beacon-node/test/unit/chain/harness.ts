// A dev chain driven by hand for tests: an interop genesis, the interop keys, a clock the test moves,
// the mock execution engine, and helpers that produce, sign and import a block per slot and have
// every committee attest and every sync committee member sign, as validator clients would.
import type {Type} from "@chainsafe/ssz";
import {BitArray} from "@chainsafe/ssz";
import {
  DOMAIN_BEACON_ATTESTER,
  DOMAIN_BEACON_PROPOSER,
  DOMAIN_RANDAO,
  DOMAIN_SYNC_COMMITTEE,
  FORK_NAMES,
  ForkSeq,
  type ForkName,
} from "@hearth/params";
import {phase0, ssz, sszTypesFor} from "@hearth/types";
import {FORK_CONFIG_KEYS, computeSigningRoot, createBeaconConfig, getNetworkConfig, type BeaconConfig, type ChainConfig} from "@hearth/config";
import type {SecretKey} from "@hearth/bls";
import {Db} from "@hearth/db";
import {
  createInteropGenesisState,
  interopSecretKeys,
  util,
  type BeaconBlockAllForks,
  type BeaconStateBellatrix,
  type CachedBeaconState,
  type SignedBeaconBlockAllForks,
} from "@hearth/state-transition";
import {ExecutionEngineMock, createGenesisExecutionPayloadHeader} from "../../../src/execution/index.js";
import {BeaconChain, ChainDbAdapter, type BeaconChainOptions, type ChainDb, type ProducedBlock} from "../../../src/chain/index.js";

export const GENESIS_TIME = 1_600_000_000;

/** The preset's network config with every fork up to `fork` at genesis and later ones unscheduled. */
export function configAtGenesis(fork: ForkName, overrides: Partial<ChainConfig> = {}): ChainConfig {
  const epochs: Record<string, number> = {};
  for (const f of FORK_NAMES) if (f !== "phase0") epochs[FORK_CONFIG_KEYS[f].epoch] = ForkSeq[f] <= ForkSeq[fork] ? 0 : Infinity;
  const base = getNetworkConfig(process.env.HEARTH_PRESET === "minimal" ? "minimal" : "mainnet");
  return {...base, ...epochs, ...overrides} as ChainConfig;
}

export interface HarnessOptions {
  fork: ForkName;
  validatorCount: number;
  configOverrides?: Partial<ChainConfig>;
  maxBlockStates?: number;
  /** The mock engine's blobs per payload and their seed (data availability tests). */
  blobsPerBlock?: number;
  blobSeed?: string;
  /** Genesis time (default GENESIS_TIME) and the chain's store (default in memory): the range-sync bench keeps its chain on disk. */
  genesisTime?: number;
  db?: ChainDb;
}

export class DevHarness {
  /** Milliseconds since the Unix epoch, as the chain's clock sees it. */
  nowMs = GENESIS_TIME * 1000;
  readonly beaconConfig: BeaconConfig;

  private constructor(
    readonly fork: ForkName,
    readonly config: ChainConfig,
    readonly keys: SecretKey[],
    readonly engine: ExecutionEngineMock,
    readonly db: ChainDb,
    public chain: BeaconChain,
    readonly genesis: CachedBeaconState
  ) {
    this.beaconConfig = createBeaconConfig(config, genesis.state.genesisValidatorsRoot);
  }

  static async create(opts: HarnessOptions): Promise<DevHarness> {
    const config = configAtGenesis(opts.fork, opts.configOverrides);
    const genesisTime = opts.genesisTime ?? GENESIS_TIME;
    const genesis = createInteropGenesisState(config, opts.fork, opts.validatorCount, genesisTime);
    const engine = new ExecutionEngineMock({genesisTimestamp: genesisTime, blobsPerBlock: opts.blobsPerBlock, blobSeed: opts.blobSeed});
    if (ForkSeq[opts.fork] >= ForkSeq.bellatrix) {
      // The dev chain's execution genesis: the merge is complete from slot 0.
      const headerType = sszTypesFor(opts.fork as "bellatrix").ExecutionPayloadHeader;
      const header = createGenesisExecutionPayloadHeader(opts.fork, engine.genesisBlockHash, genesisTime);
      (genesis.state as BeaconStateBellatrix).latestExecutionPayloadHeader = headerType.toViewDU(header as never);
      genesis.state.commit();
    }
    const db = opts.db ?? new ChainDbAdapter(await Db.openInMemory(), config);
    const harness = new DevHarness(opts.fork, config, interopSecretKeys(opts.validatorCount), engine, db, null as unknown as BeaconChain, genesis);
    harness.nowMs = genesisTime * 1000;
    harness.chain = await BeaconChain.initFromAnchor(harness.chainOptions(opts), genesis);
    return harness;
  }

  chainOptions(opts: {maxBlockStates?: number} = {}): BeaconChainOptions {
    return {config: this.config, db: this.db, executionEngine: this.engine, now: () => this.nowMs, maxBlockStates: opts.maxBlockStates};
  }

  /** Moves the clock `offsetMs` into `slot` and lets the chain see every slot passed. */
  setSlot(slot: number, offsetMs = 100): void {
    this.nowMs = (this.genesis.state.genesisTime + (slot * this.config.SLOT_DURATION_MS) / 1000) * 1000 + offsetMs;
    this.chain.clock.tick();
  }

  domain(domainType: Uint8Array, epoch: number): Uint8Array {
    return this.beaconConfig.getDomain(domainType, epoch);
  }

  /** An unsigned block for `slot` from the chain, with the proposer's RANDAO reveal. */
  async produce(slot: number, feeRecipient?: Uint8Array): Promise<ProducedBlock> {
    const epoch = util.computeEpochAtSlot(slot);
    const duties = await this.chain.getProposerDuties(epoch);
    const proposer = duties.duties.find((d) => d.slot === slot);
    if (proposer === undefined) throw new Error(`no proposer for slot ${slot}`);
    const randaoReveal = this.keys[proposer.validatorIndex].sign(computeSigningRoot(ssz.Epoch, epoch, this.domain(DOMAIN_RANDAO, epoch))).toBytes();
    return this.chain.produceBlock({slot, randaoReveal, feeRecipient});
  }

  sign(block: BeaconBlockAllForks, key?: SecretKey): SignedBeaconBlockAllForks {
    const fork = this.chain.forkAtSlot(block.slot);
    const type = sszTypesFor(fork).BeaconBlock as unknown as Type<BeaconBlockAllForks>;
    const signingRoot = computeSigningRoot(type, block, this.domain(DOMAIN_BEACON_PROPOSER, util.computeEpochAtSlot(block.slot)));
    const signature = (key ?? this.keys[block.proposerIndex]).sign(signingRoot).toBytes();
    return {message: block, signature} as SignedBeaconBlockAllForks;
  }

  /** Produces, signs and imports the block of `slot` (the clock already in it). */
  async proposeAndImport(slot: number): Promise<SignedBeaconBlockAllForks> {
    const {block} = await this.produce(slot);
    const signed = this.sign(block);
    await this.chain.processBlock(signed, {source: "api"});
    return signed;
  }

  /** Every member of every committee of `slot` attests to the head, through the chain's API methods. */
  async attest(slot: number): Promise<number> {
    const epoch = util.computeEpochAtSlot(slot);
    const duties = await this.chain.getAttesterDuties(epoch, this.keys.map((_, i) => i));
    const electra = ForkSeq[this.chain.forkAtSlot(slot)] >= ForkSeq.electra;
    let count = 0;
    for (const duty of duties.duties.filter((d) => d.slot === slot)) {
      const data = await this.chain.getAttestationData(slot, duty.committeeIndex);
      const signature = this.keys[duty.validatorIndex].sign(computeSigningRoot(phase0.AttestationData, data, this.domain(DOMAIN_BEACON_ATTESTER, epoch))).toBytes();
      if (electra) {
        await this.chain.submitAttestation({committeeIndex: duty.committeeIndex, attesterIndex: duty.validatorIndex, data, signature});
      } else {
        const aggregationBits = BitArray.fromSingleBit(duty.committeeLength, duty.validatorCommitteeIndex);
        await this.chain.submitAttestation({aggregationBits, data, signature});
      }
      count++;
    }
    return count;
  }

  /** Every sync committee member signs the head block root at `slot` (altair+). */
  async syncSign(slot: number): Promise<number> {
    if (ForkSeq[this.chain.forkAtSlot(slot)] < ForkSeq.altair) return 0;
    const epoch = util.computeEpochAtSlot(slot);
    const {duties} = await this.chain.getSyncCommitteeDuties(util.computeEpochAtSlot(slot + 1), this.keys.map((_, i) => i));
    const beaconBlockRoot = Buffer.from(this.chain.head.node.blockRoot.slice(2), "hex");
    const signingRoot = computeSigningRoot(ssz.Root, beaconBlockRoot, this.domain(DOMAIN_SYNC_COMMITTEE, epoch));
    for (const duty of duties) {
      const signature = this.keys[duty.validatorIndex].sign(signingRoot).toBytes();
      this.chain.submitSyncCommitteeMessage({slot, beaconBlockRoot, validatorIndex: duty.validatorIndex, signature});
    }
    return duties.length;
  }

  /** One slot as a dev node lives it: the block, then attestations and sync messages on it. */
  async runSlot(slot: number): Promise<SignedBeaconBlockAllForks> {
    this.setSlot(slot);
    const signed = await this.proposeAndImport(slot);
    await this.attest(slot);
    await this.syncSign(slot);
    return signed;
  }

  /** A chain over the same DB, resumed as a restarted node would. */
  async restart(): Promise<BeaconChain> {
    await this.chain.stop();
    this.chain = await BeaconChain.initFromDb(this.chainOptions());
    return this.chain;
  }
}
