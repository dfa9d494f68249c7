import {strict as assert} from "node:assert";
import {ACTIVE_PRESET, EFFECTIVE_BALANCE_INCREMENT, EPOCHS_PER_SYNC_COMMITTEE_PERIOD, MIN_SEED_LOOKAHEAD, SLOTS_PER_EPOCH} from "@hearth/params";
import {cloneCachedState} from "../../../src/stateTransition.js";
import {computeProposers} from "../../../src/cache/proposers.js";
import {createEpochContext} from "../../../src/cache/epochContext.js";
import {getCurrentEpoch} from "../../../src/util/epoch.js";
import {getNextSyncCommitteeIndices} from "../../../src/util/syncCommittee.js";
import {beforeProcessEpoch} from "../../../src/epoch/epochTransitionCache.js";
import {startEpochSampling} from "../../../src/epoch/parallelSampling.js";
import {computeEpochShuffling} from "../../../src/cache/shuffling.js";
import {processSlots} from "../../../src/slot/processSlots.js";
import type {CachedBeaconState} from "../../../src/types.js";
import {buildSyntheticState} from "../../../bench/syntheticState.js";

const VALIDATORS = 4000;

/** As process_effective_balance_updates may do after the worker took its snapshot. */
function changeEffectiveBalances(cs: CachedBeaconState): void {
  for (let i = 0; i < VALIDATORS; i += 3) cs.epochCtx.setEffectiveBalance(i, (i % 5 === 0 ? 2048 : 17) * EFFECTIVE_BALANCE_INCREMENT);
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2000));

describe("epoch sampling on a worker thread", function () {
  this.timeout(120_000);
  before(function () {
    // The synthetic state is a mainnet-preset one.
    if (ACTIVE_PRESET !== "mainnet") this.skip();
  });

  it("samples the proposer lookahead as a single thread does, also after effective balances change", async () => {
    const {cs} = buildSyntheticState("fulu", VALIDATORS);
    const epoch = getCurrentEpoch(cs.state) + MIN_SEED_LOOKAHEAD + 1;
    const c = cloneCachedState(cs);
    const cache = beforeProcessEpoch(c);
    const sampling = startEpochSampling(c, cache, true);
    assert.ok(sampling, "a worker was started");
    changeEffectiveBalances(c);
    await settle();

    const samplers = sampling.proposerSamplers(epoch);
    assert.ok(samplers, "the lookahead was handed over");
    assert.ok(samplers.some((s) => s.knownResults().length > 0), "the worker finished some slots");
    const active = cache.lookaheadActiveIndices as Uint32Array;
    const increments = c.epochCtx.effectiveBalanceIncrements;
    assert.deepEqual(computeProposers("fulu", c.state, epoch, active, increments, samplers), computeProposers("fulu", c.state, epoch, active, increments));
  });

  it("samples the next sync committee as a single thread does, at a period's end", async () => {
    const {cs} = buildSyntheticState("electra", VALIDATORS);
    const c = cloneCachedState(cs);
    // Move the state to the last slot of a sync committee period.
    const lastEpoch = (Math.floor(getCurrentEpoch(c.state) / EPOCHS_PER_SYNC_COMMITTEE_PERIOD) + 1) * EPOCHS_PER_SYNC_COMMITTEE_PERIOD - 1;
    c.state.slot = lastEpoch * SLOTS_PER_EPOCH + SLOTS_PER_EPOCH - 1;
    c.epochCtx = createEpochContext(c.state, c.config, c.fork, c.epochCtx.pubkeyCache);
    const sampling = startEpochSampling(c, beforeProcessEpoch(c), true);
    assert.ok(sampling, "a worker was started");
    changeEffectiveBalances(c);
    await settle();

    const sampler = sampling.syncCommitteeSampler();
    assert.ok(sampler && sampler.knownResults().length > 0, "the worker sampled the committee");
    assert.deepEqual(getNextSyncCommitteeIndices(c, sampler), getNextSyncCommitteeIndices(c));
  });

  it("shuffles the committees of the epoch after next as a single thread does", async () => {
    const {cs} = buildSyntheticState("electra", VALIDATORS);
    const c = cloneCachedState(cs);
    const cache = beforeProcessEpoch(c);
    const sampling = startEpochSampling(c, cache, true);
    assert.ok(sampling, "a worker was started");
    await settle();
    const shuffled = sampling.lookaheadShuffling();
    assert.ok(shuffled, "the worker shuffled the set");
    const epoch = getCurrentEpoch(c.state) + MIN_SEED_LOOKAHEAD + 1;
    assert.deepEqual(Array.from(shuffled), Array.from(computeEpochShuffling(c.state, cache.lookaheadActiveIndices, epoch).shuffling));
  });

  it("moves the epoch cache on across a boundary to what a rebuild from the registry gives", () => {
    const {cs} = buildSyntheticState("fulu", VALIDATORS);
    const c = cloneCachedState(cs);
    changeEffectiveBalances(c);
    for (let i = 0; i < VALIDATORS; i += 3) c.state.validators.get(i).effectiveBalance = c.epochCtx.effectiveBalanceIncrements[i] * EFFECTIVE_BALANCE_INCREMENT;
    const boundary = (getCurrentEpoch(c.state) + 1) * SLOTS_PER_EPOCH;
    processSlots(c, boundary);
    const moved = c.epochCtx;
    const rebuilt = createEpochContext(c.state, c.config, c.fork, moved.pubkeyCache);
    assert.equal(moved.epoch, rebuilt.epoch);
    assert.equal(moved.totalActiveBalance, rebuilt.totalActiveBalance);
    const n = c.state.validators.length;
    assert.deepEqual(moved.effectiveBalanceIncrements.subarray(0, n), rebuilt.effectiveBalanceIncrements.subarray(0, n));
    for (const which of ["previousShuffling", "currentShuffling", "nextShuffling"] as const) {
      assert.equal(moved[which].epoch, rebuilt[which].epoch, which);
      assert.deepEqual(Array.from(moved[which].shuffling), Array.from(rebuilt[which].shuffling), which);
      assert.equal(moved[which].committeesPerSlot, rebuilt[which].committeesPerSlot, which);
    }
  });
});
