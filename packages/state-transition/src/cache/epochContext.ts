// What the state transition keeps beside a state for one epoch (DESIGN.md "State and caches"): the
// shufflings of the previous, current and next epoch, the proposers, effective-balance increments and
// the shared pubkey cache. Built once per epoch from one pass over the validators, never per block.
import {EFFECTIVE_BALANCE_INCREMENT, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import type {ChainConfig} from "@hearth/config";
import type {BeaconStateAllForks} from "../types.js";
import {computeEpochAtSlot, getCurrentEpoch} from "../util/epoch.js";
import {computeEpochShuffling, type EpochShuffling} from "./shuffling.js";
import {computeProposers} from "./proposers.js";
import {PubkeyCache} from "./pubkeyCache.js";

export class EpochContext {
  constructor(
    readonly config: ChainConfig,
    readonly pubkeyCache: PubkeyCache,
    readonly epoch: number,
    readonly previousShuffling: EpochShuffling,
    readonly currentShuffling: EpochShuffling,
    readonly nextShuffling: EpochShuffling,
    /** effective_balance / EFFECTIVE_BALANCE_INCREMENT per validator (2048 ETH max fits 16 bits). */
    public effectiveBalanceIncrements: Uint16Array,
    /** get_total_active_balance of this epoch, in increments. */
    readonly totalActiveBalanceIncrements: number,
    /**
     * Proposers of this epoch's slots, pre-fulu (fulu reads state.proposer_lookahead), computed on first use. One holder is shared by every
     * clone of this cache: the proposers depend only on the seed and the effective balances at the
     * epoch's start, the same for all of them, and a clone made before the first use must not pay
     * for sampling them again.
     */
    private readonly proposers: {value: number[] | null},
    readonly fork: ForkName
  ) {}

  get totalActiveBalance(): number {
    return this.totalActiveBalanceIncrements * EFFECTIVE_BALANCE_INCREMENT;
  }

  /** The shuffling of `epoch`, which must be the previous, current or next epoch. */
  getShuffling(epoch: number): EpochShuffling {
    if (epoch === this.epoch) return this.currentShuffling;
    if (epoch === this.epoch - 1 || (this.epoch === 0 && epoch === 0)) return this.previousShuffling;
    if (epoch === this.epoch + 1) return this.nextShuffling;
    throw new Error(`no shuffling cached for epoch ${epoch} at epoch ${this.epoch}`);
  }

  /** get_committee_count_per_slot */
  getCommitteeCountPerSlot(epoch: number): number {
    return this.getShuffling(epoch).committeesPerSlot;
  }

  /** get_beacon_committee */
  getBeaconCommittee(slot: number, index: number): Uint32Array {
    const shuffling = this.getShuffling(computeEpochAtSlot(slot));
    if (index >= shuffling.committeesPerSlot) throw new Error(`committee index ${index} out of range ${shuffling.committeesPerSlot}`);
    return shuffling.committees[slot % SLOTS_PER_EPOCH][index];
  }

  /** get_beacon_proposer_index at `slot` of this epoch (pre-fulu; fulu reads the state's lookahead). */
  getBeaconProposer(state: BeaconStateAllForks, slot: number): number {
    if (computeEpochAtSlot(slot) !== this.epoch) throw new Error(`proposer of slot ${slot} asked at epoch ${this.epoch}`);
    this.proposers.value ??= computeProposers(this.fork, state, this.epoch, this.currentShuffling.activeIndices, this.effectiveBalanceIncrements);
    return this.proposers.value[slot % SLOTS_PER_EPOCH];
  }

  /** Records a validator appended to the registry by a deposit: its pubkey and effective balance. */
  addValidator(index: number, pubkey: Uint8Array, effectiveBalance: number): void {
    this.pubkeyCache.add(index, pubkey);
    if (index >= this.effectiveBalanceIncrements.length) {
      const grown = new Uint16Array(Math.max(index + 1, Math.ceil(this.effectiveBalanceIncrements.length * 1.1) + 16));
      grown.set(this.effectiveBalanceIncrements);
      this.effectiveBalanceIncrements = grown;
    }
    this.effectiveBalanceIncrements[index] = effectiveBalance / EFFECTIVE_BALANCE_INCREMENT;
  }

  /** Records a new effective balance (process_effective_balance_updates, and electra's switches). */
  setEffectiveBalance(index: number, effectiveBalance: number): void {
    this.effectiveBalanceIncrements[index] = effectiveBalance / EFFECTIVE_BALANCE_INCREMENT;
  }

  clone(): EpochContext {
    // Shufflings are immutable and shared; the increments are copied because blocks change them.
    return new EpochContext(
      this.config,
      this.pubkeyCache,
      this.epoch,
      this.previousShuffling,
      this.currentShuffling,
      this.nextShuffling,
      this.effectiveBalanceIncrements.slice(),
      this.totalActiveBalanceIncrements,
      this.proposers,
      this.fork
    );
  }
}

/**
 * The cache of the epoch that `state` has just entered, moved on from `previous`, the cache of the
 * epoch that process_epoch has just closed: its current and next shufflings become the previous and
 * current ones, and `nextShuffling` gives the new next one. The effective-balance increments are
 * already up to date (every change to an effective balance goes through setEffectiveBalance or
 * addValidator), so the registry is not read again; pubkeys of validators appended meanwhile are.
 */
export function createEpochContextAfterTransition(
  state: BeaconStateAllForks,
  previous: EpochContext,
  nextShuffling: () => EpochShuffling
): EpochContext {
  const epoch = getCurrentEpoch(state);
  if (previous.epoch !== epoch - 1) throw new Error(`epoch cache of ${previous.epoch} cannot move on to epoch ${epoch}`);
  previous.pubkeyCache.syncFromState(state);
  const currentShuffling = previous.nextShuffling;
  const increments = previous.effectiveBalanceIncrements.slice();
  // get_total_active_balance: effective balances as process_epoch left them, over this epoch's active set
  let totalActiveIncrements = 0;
  for (const i of currentShuffling.activeIndices) totalActiveIncrements += increments[i];
  const next = nextShuffling();
  if (next.epoch !== epoch + 1) throw new Error(`next shuffling is of epoch ${next.epoch}, not ${epoch + 1}`);
  return new EpochContext(
    previous.config,
    previous.pubkeyCache,
    epoch,
    previous.currentShuffling,
    currentShuffling,
    next,
    increments,
    Math.max(1, totalActiveIncrements),
    {value: null},
    previous.fork
  );
}

/**
 * Builds the cache of `state` from scratch. `previous` is the cache of the epoch before, whose
 * current and next shufflings become this one's previous and current: the active set of epoch E+1 is
 * fixed by the start of E, since every activation and exit lands at least MAX_SEED_LOOKAHEAD later.
 * `previous` may also be a cache of the same epoch, whose shufflings are then all reused.
 */
export function createEpochContext(
  state: BeaconStateAllForks,
  config: ChainConfig,
  fork: ForkName,
  pubkeyCache: PubkeyCache = new PubkeyCache(),
  previous?: EpochContext
): EpochContext {
  pubkeyCache.syncFromState(state);
  const epoch = getCurrentEpoch(state);
  const previousEpoch = epoch === 0 ? 0 : epoch - 1;
  const nextEpoch = epoch + 1;
  const validators = state.validators.getAllReadonlyValues();
  const n = validators.length;

  // A cache of the same epoch (a fork upgrade rebuilds the cache mid-epoch) has all three shufflings
  // right: within an epoch nothing changes the active sets of this epoch or the next, nor their seeds.
  // One of the epoch before hands over its current and next. Only missing active sets are collected.
  const sameEpoch = previous !== undefined && previous.epoch === epoch;
  const reusable = previous !== undefined && previous.epoch === epoch - 1;
  const collectOld = !sameEpoch && !reusable;
  const previousActive = collectOld ? new Uint32Array(n) : null;
  const currentActive = collectOld ? new Uint32Array(n) : null;
  const nextActive = sameEpoch ? null : new Uint32Array(n);
  let previousCount = 0;
  let currentCount = 0;
  let nextCount = 0;

  const increments = new Uint16Array(Math.ceil(n * 1.1) + 16);
  let totalActiveIncrements = 0;
  for (let i = 0; i < n; i++) {
    const v = validators[i];
    const inc = v.effectiveBalance / EFFECTIVE_BALANCE_INCREMENT;
    increments[i] = inc;
    // is_active_validator at each of the three epochs
    const {activationEpoch, exitEpoch} = v;
    if (activationEpoch <= epoch && epoch < exitEpoch) {
      totalActiveIncrements += inc;
      if (currentActive) currentActive[currentCount++] = i;
    }
    if (previousActive && activationEpoch <= previousEpoch && previousEpoch < exitEpoch) previousActive[previousCount++] = i;
    if (nextActive && activationEpoch <= nextEpoch && nextEpoch < exitEpoch) nextActive[nextCount++] = i;
  }

  // subarray views keep the whole buffer alive; slice copies out exactly the active set.
  const currentShuffling = sameEpoch
    ? previous.currentShuffling
    : reusable
      ? previous.nextShuffling
      : computeEpochShuffling(state, (currentActive as Uint32Array).slice(0, currentCount), epoch);
  const previousShuffling = sameEpoch
    ? previous.previousShuffling
    : reusable
      ? previous.currentShuffling
      : epoch === 0
        ? currentShuffling
        : computeEpochShuffling(state, (previousActive as Uint32Array).slice(0, previousCount), previousEpoch);
  const nextShuffling = sameEpoch ? previous.nextShuffling : computeEpochShuffling(state, (nextActive as Uint32Array).slice(0, nextCount), nextEpoch);

  return new EpochContext(
    config,
    pubkeyCache,
    epoch,
    previousShuffling,
    currentShuffling,
    nextShuffling,
    increments,
    Math.max(1, totalActiveIncrements),
    {value: null},
    fork
  );
}
