// A synthetic mainnet-preset state of electra or fulu with a million active validators, on the real
// mainnet chain config, built straight into tree-backed views: one toViewDU per big list, never a
// value-by-value push. Pubkeys are fake (unique, deterministic, never decoded): the benchmark runs
// with signatures off, so no BLS key is ever needed.
import {createHash} from "node:crypto";
import {BitArray} from "@chainsafe/ssz";
import {
  EPOCHS_PER_HISTORICAL_VECTOR,
  EPOCHS_PER_SYNC_COMMITTEE_PERIOD,
  MAX_EFFECTIVE_BALANCE,
  SLOTS_PER_EPOCH,
  SLOTS_PER_HISTORICAL_ROOT,
  SYNC_COMMITTEE_SIZE,
  ACTIVE_PRESET,
} from "@hearth/params";
import {mainnetChainConfig, type ChainConfig} from "@hearth/config";
import {altair, capella, electra, fulu, phase0} from "@hearth/types";
import {createCachedBeaconState} from "../src/cache/cachedState.js";
import {computeProposers} from "../src/cache/proposers.js";
import type {BeaconStateElectra, BeaconStateFulu, CachedBeaconState} from "../src/types.js";

export type BenchFork = "electra" | "fulu";

/** Epochs past each fork on mainnet, away from sync-committee, eth1-voting and historical-summary boundaries. */
const BENCH_EPOCH: Record<BenchFork, number> = {electra: 400_000, fulu: 420_000};
/** The state sits two slots before its epoch's end: one block slot, then the boundary. */
const SLOT_IN_EPOCH = SLOTS_PER_EPOCH - 2;

export interface SyntheticState {
  cs: CachedBeaconState;
  config: ChainConfig;
  epoch: number;
}

/** Deterministic 32 bytes per (label, number), standing in for real roots. */
export function fakeRoot(label: string, n: number): Uint8Array {
  return new Uint8Array(createHash("sha256").update(`${label}:${n}`).digest());
}

export function buildSyntheticState(fork: BenchFork, validatorCount: number): SyntheticState {
  if (ACTIVE_PRESET !== "mainnet") throw new Error(`the benchmark needs HEARTH_PRESET=mainnet, this process runs ${ACTIVE_PRESET}`);
  const config = mainnetChainConfig;
  const epoch = BENCH_EPOCH[fork];
  if ((epoch + 1) % EPOCHS_PER_SYNC_COMMITTEE_PERIOD === 0) throw new Error("bench epoch must not end a sync committee period");
  const slot = epoch * SLOTS_PER_EPOCH + SLOT_IN_EPOCH;
  const types = fork === "fulu" ? fulu : electra;
  const state = types.BeaconState.defaultViewDU() as BeaconStateFulu;

  state.genesisTime = 1606824023;
  state.genesisValidatorsRoot = fakeRoot("genesis validators root", 0);
  state.slot = slot;
  state.fork = phase0.Fork.toViewDU(
    fork === "fulu"
      ? {previousVersion: config.ELECTRA_FORK_VERSION, currentVersion: config.FULU_FORK_VERSION, epoch: config.FULU_FORK_EPOCH}
      : {previousVersion: config.DENEB_FORK_VERSION, currentVersion: config.ELECTRA_FORK_VERSION, epoch: config.ELECTRA_FORK_EPOCH}
  );

  // The slot's block was applied: its header waits for process_slot to fill in the state root.
  const blockRootAt = (s: number): Uint8Array => fakeRoot("block", s);
  state.latestBlockHeader = phase0.BeaconBlockHeader.toViewDU({
    slot,
    proposerIndex: 0,
    parentRoot: blockRootAt(slot - 1),
    stateRoot: new Uint8Array(32),
    bodyRoot: fakeRoot("body", slot),
  });
  state.blockRoots = phase0.HistoricalBlockRoots.toViewDU(rootsBefore(slot, blockRootAt));
  state.stateRoots = phase0.HistoricalStateRoots.toViewDU(rootsBefore(slot, (s) => fakeRoot("state", s)));
  state.randaoMixes = phase0.RandaoMixes.toViewDU(Array.from({length: EPOCHS_PER_HISTORICAL_VECTOR}, (_, i) => fakeRoot("randao", i)));
  state.historicalSummaries = capella.HistoricalSummaries.toViewDU(
    Array.from({length: Math.floor(slot / SLOTS_PER_HISTORICAL_ROOT)}, (_, i) => ({blockSummaryRoot: fakeRoot("bsr", i), stateSummaryRoot: fakeRoot("ssr", i)}))
  );

  // Every deposit processed and the legacy deposit queue closed (electra's deposit_requests_start_index).
  state.eth1Data = phase0.Eth1Data.toViewDU({depositRoot: fakeRoot("deposit root", 0), depositCount: validatorCount, blockHash: fakeRoot("eth1", 0)});
  state.eth1DepositIndex = validatorCount;
  state.depositRequestsStartIndex = BigInt(validatorCount);

  state.validators = phase0.Validators.toViewDU(fakeValidators(validatorCount));
  // A little above 32 ETH, as on mainnet, so that the withdrawal sweep finds partial withdrawals.
  state.balances = phase0.Balances.toViewDU(Array.from({length: validatorCount}, (_, i) => MAX_EFFECTIVE_BALANCE + (i % 97) * 1_000_000));
  state.previousEpochParticipation = altair.EpochParticipation.toViewDU(new Array<number>(validatorCount).fill(0b111));
  state.currentEpochParticipation = altair.EpochParticipation.toViewDU(new Array<number>(validatorCount).fill(0));
  state.inactivityScores = altair.InactivityScores.toViewDU(new Array<number>(validatorCount).fill(0));

  // Healthy finality: the previous epoch justified, the one before finalized.
  const checkpoint = (e: number) => phase0.Checkpoint.toViewDU({epoch: e, root: blockRootAt(e * SLOTS_PER_EPOCH)});
  state.justificationBits = phase0.JustificationBits.toViewDU(BitArray.fromBoolArray([true, true, true, false]));
  state.previousJustifiedCheckpoint = checkpoint(epoch - 2);
  state.currentJustifiedCheckpoint = checkpoint(epoch - 1);
  state.finalizedCheckpoint = checkpoint(epoch - 2);

  const syncCommittee = fakeSyncCommittee(state, validatorCount);
  state.currentSyncCommittee = altair.SyncCommittee.toViewDU(syncCommittee);
  state.nextSyncCommittee = altair.SyncCommittee.toViewDU(syncCommittee);

  const header = state.latestExecutionPayloadHeader;
  header.blockHash = fakeRoot("execution block", slot);
  header.parentHash = fakeRoot("execution block", slot - 1);
  header.blockNumber = 22_000_000 + slot - epoch * SLOTS_PER_EPOCH;
  header.timestamp = state.genesisTime + slot * (config.SLOT_DURATION_MS / 1000);
  header.gasLimit = 36_000_000;
  state.nextWithdrawalIndex = 90_000_000;
  state.nextWithdrawalValidatorIndex = 123_456 % validatorCount;
  state.earliestExitEpoch = epoch + 5;
  state.earliestConsolidationEpoch = epoch + 5;

  if (fork === "fulu") {
    // initialize_proposer_lookahead: this epoch's and the next epoch's proposers.
    state.commit();
    const active = Uint32Array.from({length: validatorCount}, (_, i) => i);
    const increments = new Uint16Array(validatorCount).fill(MAX_EFFECTIVE_BALANCE / 1e9);
    const lookahead = [...computeProposers(fork, state, epoch, active, increments), ...computeProposers(fork, state, epoch + 1, active, increments)];
    state.proposerLookahead = fulu.ProposerLookahead.toViewDU(lookahead);
  }
  state.commit();
  const cs = createCachedBeaconState(fork, state as unknown as BeaconStateElectra, config);

  // This epoch's committees up to the state's slot have attested, with every flag.
  const participation = new Array<number>(validatorCount).fill(0);
  for (let s = 0; s < SLOT_IN_EPOCH; s++) for (const committee of cs.epochCtx.currentShuffling.committees[s]) for (const i of committee) participation[i] = 0b111;
  state.currentEpochParticipation = altair.EpochParticipation.toViewDU(participation);
  state.commit();
  return {cs, config, epoch};
}

/** The roots of the SLOTS_PER_HISTORICAL_ROOT slots before `slot`, at their ring-buffer positions. */
function rootsBefore(slot: number, rootAt: (s: number) => Uint8Array): Uint8Array[] {
  const roots = new Array<Uint8Array>(SLOTS_PER_HISTORICAL_ROOT);
  for (let s = slot - SLOTS_PER_HISTORICAL_ROOT; s < slot; s++) roots[s % SLOTS_PER_HISTORICAL_ROOT] = rootAt(s);
  return roots;
}

/** The fake pubkey of validator i: its index in the first 4 bytes of an otherwise fixed pattern. */
export function fakePubkey(buffer: Uint8Array, i: number): Uint8Array {
  const pubkey = buffer.subarray(i * 48, i * 48 + 48);
  pubkey.fill(0xa5);
  new DataView(pubkey.buffer, pubkey.byteOffset, 48).setUint32(0, i, true);
  return pubkey;
}

function fakeValidators(count: number): phase0.Validator[] {
  // Two shared buffers instead of two million small ones.
  const pubkeys = new Uint8Array(count * 48);
  const credentials = new Uint8Array(count * 32);
  const out = new Array<phase0.Validator>(count);
  for (let i = 0; i < count; i++) {
    const withdrawalCredentials = credentials.subarray(i * 32, i * 32 + 32);
    withdrawalCredentials[0] = 0x01; // ETH1_ADDRESS_WITHDRAWAL_PREFIX, address = the index
    new DataView(withdrawalCredentials.buffer, withdrawalCredentials.byteOffset, 32).setUint32(28, i);
    out[i] = {
      pubkey: fakePubkey(pubkeys, i),
      withdrawalCredentials,
      effectiveBalance: MAX_EFFECTIVE_BALANCE,
      slashed: false,
      activationEligibilityEpoch: 0,
      activationEpoch: 0,
      exitEpoch: Infinity,
      withdrawableEpoch: Infinity,
    };
  }
  return out;
}

/** SYNC_COMMITTEE_SIZE validators spread over the registry; the aggregate key is fake, as all keys are. */
function fakeSyncCommittee(state: BeaconStateFulu, count: number): altair.SyncCommittee {
  const validators = state.validators;
  const step = Math.max(1, Math.floor(count / SYNC_COMMITTEE_SIZE));
  const pubkeys = Array.from({length: SYNC_COMMITTEE_SIZE}, (_, k) => validators.getReadonly((k * step) % count).pubkey);
  return {pubkeys, aggregatePubkey: new Uint8Array(48).fill(0xb7)};
}
