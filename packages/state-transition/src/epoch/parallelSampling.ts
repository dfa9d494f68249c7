// The hashing of epoch processing's sampling on a second thread: compute_shuffled_index for the
// candidates of process_proposer_lookahead (about 64 per slot at electra) and, at a sync committee
// period's end, of get_next_sync_committee_indices (tens of thousands); and the bulk shuffle of the
// committees of the epoch after next, which the next epoch's cache needs. The shuffled indices depend
// only on a seed and an active set, both fixed when process_epoch starts, not on the effective
// balances that process_effective_balance_updates may still change. So a worker starts on them when
// process_epoch starts; later the main thread samples on the final balances with the worker's
// shuffled indices, computing any the worker did not. The result is the same whatever the worker
// did or did not finish, and without a worker everything runs here as before.
import {Worker} from "node:worker_threads";
import {ACTIVE_PRESET, EPOCHS_PER_SYNC_COMMITTEE_PERIOD, ForkSeq, MIN_SEED_LOOKAHEAD, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SIZE} from "@hearth/params";
import type {CachedBeaconState} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getProposerSeeds} from "../cache/proposers.js";
import {getShufflingSeed} from "../cache/shuffling.js";
import {ShuffledIndexSampler} from "../util/shuffledIndexSampler.js";
import {newSyncCommitteeSampler} from "../util/syncCommitteeIndices.js";
import {getNextSyncCommitteeInputs} from "../util/syncCommittee.js";
import type {EpochTransitionCache} from "./epochTransitionCache.js";

export const enum TaskState {
  unclaimed = 0,
  worker = 1,
  main = 2,
  done = 3,
}

export const enum TaskKind {
  proposer = 0,
  syncCommittee = 1,
  /** The whole active set through shuffleList: `results` receives the shuffled list. */
  shuffling = 2,
}

export interface SamplingTask {
  kind: TaskKind;
  seed: Uint8Array;
  /** Index of the task's active set in the job's `activeSets`. */
  activeSet: number;
  /** Shuffled indices kept: an Int32Array over this SharedArrayBuffer. */
  results: SharedArrayBuffer;
}

export interface SamplingJob {
  fork: string;
  tasks: SamplingTask[];
  /** SharedArrayBuffers of Uint32 active indices. */
  activeSets: SharedArrayBuffer[];
  /** Uint16 effective-balance increments as of the job's start. */
  increments: SharedArrayBuffer;
  /** Int32 per task: its TaskState, and how many results it holds. */
  states: SharedArrayBuffer;
  counts: SharedArrayBuffer;
}

/** Below this many active validators sampling takes a few milliseconds: no thread. */
export const PARALLEL_MIN_ACTIVE = 16_384;
const PROPOSER_RESULTS = 1024;
/** How long the main thread waits for a task the worker is on before computing it itself. */
const WAIT_MS = 10_000;

let worker: Worker | null | undefined;

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    const w = new Worker(new URL("./samplingWorker.js", import.meta.url), {env: {...process.env, HEARTH_PRESET: ACTIVE_PRESET}});
    // Never keeps the process alive; a worker that fails is not replaced, sampling stays here.
    w.unref();
    w.on("error", () => (worker = null));
    w.on("exit", () => (worker = null));
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

/** The sampling one process_epoch handed to a worker. */
export interface EpochSampling {
  /** The samplers of the proposer lookahead's slots, or undefined when not handed over. */
  proposerSamplers(epoch: number): ShuffledIndexSampler[] | undefined;
  /** The next sync committee's sampler, or undefined when not handed over. */
  syncCommitteeSampler(): ShuffledIndexSampler | undefined;
  /** lookaheadActiveIndices shuffled (committee order), or undefined when the worker did not do it. */
  lookaheadShuffling(): Uint32Array | undefined;
}

/**
 * Hands the sampling of this epoch transition to a worker: the proposer lookahead (fulu), the next
 * sync committee (at a period's end) and the committees' shuffle of the epoch after next. Null when
 * the registry is small or no worker runs. `force` skips the size threshold (tests).
 */
export function startEpochSampling(cs: CachedBeaconState, c: EpochTransitionCache, force = false): EpochSampling | null {
  const seq = ForkSeq[cs.fork];
  const tasks: SamplingTask[] = [];
  const activeSets: SharedArrayBuffer[] = [];
  /** Per task index: the main thread's sampler of a sampling task (none for the shuffle). */
  const samplers: ShuffledIndexSampler[] = [];
  const share = (active: ArrayLike<number>): number => {
    const buffer = new SharedArrayBuffer(4 * active.length);
    new Uint32Array(buffer).set(active);
    return activeSets.push(buffer) - 1;
  };

  const lookaheadEpoch = getCurrentEpoch(cs.state) + MIN_SEED_LOOKAHEAD + 1;
  const lookaheadActive = c.lookaheadActiveIndices;
  const lookahead = lookaheadActive.length > 0 && (force || lookaheadActive.length >= PARALLEL_MIN_ACTIVE);
  const lookaheadSet = lookahead ? share(lookaheadActive) : -1;

  // First: the shuffle, the longest task, which nothing waits for until process_epoch has finished.
  // The main thread meanwhile samples the proposers itself from the last slot down, as far as the
  // worker has not reached them once it is through.
  let shufflingTask = -1;
  if (lookahead) {
    shufflingTask = tasks.length;
    tasks.push({kind: TaskKind.shuffling, seed: getShufflingSeed(cs.state, lookaheadEpoch), activeSet: lookaheadSet, results: new SharedArrayBuffer(4 * lookaheadActive.length)});
  }

  let syncTask = -1;
  const nextEpoch = getCurrentEpoch(cs.state) + 1;
  if (seq >= ForkSeq.altair && nextEpoch % EPOCHS_PER_SYNC_COMMITTEE_PERIOD === 0) {
    const {electra, seed, active} = getNextSyncCommitteeInputs(cs);
    if (active.length > 0 && (force || active.length >= PARALLEL_MIN_ACTIVE)) {
      const expected = electra ? SYNC_COMMITTEE_SIZE * 64 : SYNC_COMMITTEE_SIZE * 2;
      syncTask = tasks.length;
      tasks.push({kind: TaskKind.syncCommittee, seed, activeSet: share(active), results: new SharedArrayBuffer(4 * 4 * expected)});
      samplers[syncTask] = newSyncCommitteeSampler(electra, seed, active.length);
    }
  }

  let firstProposerTask = -1;
  if (lookahead && seq >= ForkSeq.fulu) {
    firstProposerTask = tasks.length;
    for (const seed of getProposerSeeds(cs.state, lookaheadEpoch)) {
      samplers[tasks.length] = new ShuffledIndexSampler(seed, lookaheadActive.length);
      tasks.push({kind: TaskKind.proposer, seed, activeSet: lookaheadSet, results: new SharedArrayBuffer(4 * PROPOSER_RESULTS)});
    }
  }
  if (tasks.length === 0) return null;
  const w = getWorker();
  if (w === null) return null;

  const source = cs.epochCtx.effectiveBalanceIncrements;
  const increments = new SharedArrayBuffer(2 * source.length);
  new Uint16Array(increments).set(source);
  const job: SamplingJob = {
    fork: cs.fork,
    tasks,
    activeSets,
    increments,
    states: new SharedArrayBuffer(4 * tasks.length),
    counts: new SharedArrayBuffer(4 * tasks.length),
  };
  try {
    w.postMessage(job);
  } catch {
    return null;
  }
  const states = new Int32Array(job.states);
  const counts = new Int32Array(job.counts);

  /** Claims task `t` for the main thread, or waits for the worker if it is on it: whether it is done. */
  const claim = (t: number): boolean => {
    let state = Atomics.compareExchange(states, t, TaskState.unclaimed, TaskState.main);
    if (state === TaskState.worker) {
      Atomics.wait(states, t, TaskState.worker, WAIT_MS);
      state = Atomics.load(states, t);
    }
    return state === TaskState.done;
  };
  /** Task `t`'s sampler, with the worker's results if it finished the task. */
  const take = (t: number): ShuffledIndexSampler => {
    if (claim(t)) samplers[t].addKnownResults(new Int32Array(tasks[t].results, 0, Atomics.load(counts, t)));
    return samplers[t];
  };

  return {
    proposerSamplers(epoch) {
      if (firstProposerTask < 0 || epoch !== lookaheadEpoch) return undefined;
      // From the last slot down, while the worker goes up: each slot is sampled once, by either.
      const out: ShuffledIndexSampler[] = new Array(SLOTS_PER_EPOCH);
      for (let slot = SLOTS_PER_EPOCH - 1; slot >= 0; slot--) out[slot] = take(firstProposerTask + slot);
      return out;
    },
    syncCommitteeSampler() {
      return syncTask < 0 ? undefined : take(syncTask);
    },
    lookaheadShuffling() {
      if (shufflingTask < 0 || !claim(shufflingTask)) return undefined;
      const done = Atomics.load(counts, shufflingTask) === lookaheadActive.length;
      return done ? new Uint32Array(tasks[shufflingTask].results) : undefined;
    },
  };
}
