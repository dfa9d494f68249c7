// Worker thread entry of parallelSampling.ts: samples each task of a job on a snapshot of the
// effective balances, and hands the shuffled indices it computed to the main thread. Started with
// HEARTH_PRESET as in the main thread, so that the round count and committee size match.
import {parentPort} from "node:worker_threads";
import {ForkSeq, type ForkName} from "@hearth/params";
import {computeProposerIndex} from "../cache/proposers.js";
import {ShuffledIndexSampler} from "../util/shuffledIndexSampler.js";
import {newSyncCommitteeSampler, sampleSyncCommitteeIndices} from "../util/syncCommitteeIndices.js";
import {shuffleList} from "../util/shuffle.js";
import {TaskKind, TaskState, type SamplingJob} from "./parallelSampling.js";

/**
 * Shuffled indices computed past where the snapshot's sampling stopped, for effective balances that
 * change before the main thread samples: per proposer, and per sync committee.
 */
const PROPOSER_MARGIN = 16;
const SYNC_COMMITTEE_MARGIN = 1024;

parentPort?.on("message", (job: SamplingJob) => {
  const increments = new Uint16Array(job.increments);
  const states = new Int32Array(job.states);
  const counts = new Int32Array(job.counts);
  const electra = ForkSeq[job.fork as ForkName] >= ForkSeq.electra;
  job.tasks.forEach((task, t) => {
    // The main thread takes proposer tasks from the end; whoever claims a task first samples it.
    if (Atomics.compareExchange(states, t, TaskState.unclaimed, TaskState.worker) !== TaskState.unclaimed) return;
    let count = 0;
    try {
      const active = new Uint32Array(job.activeSets[task.activeSet]);
      if (task.kind === TaskKind.shuffling) {
        const shuffled = new Uint32Array(task.results);
        shuffled.set(active);
        shuffleList(shuffled, task.seed);
        // a count short of the whole set (a throw) tells the main thread to shuffle itself
        count = active.length;
      } else {
        count = sample(task, active);
      }
    } catch {
      count = 0;
    }
    finish(t, count);
  });

  /** A sampling task: the shuffled indices the snapshot's sampling used, plus a margin, into `results`. */
  function sample(task: SamplingJob["tasks"][number], active: Uint32Array): number {
    const results = new Int32Array(task.results);
    let sampler: ShuffledIndexSampler;
    let margin: number;
    if (task.kind === TaskKind.syncCommittee) {
      sampler = newSyncCommitteeSampler(electra, task.seed, active.length);
      sampleSyncCommitteeIndices(electra, active, task.seed, increments, sampler);
      margin = SYNC_COMMITTEE_MARGIN;
    } else {
      sampler = new ShuffledIndexSampler(task.seed, active.length);
      computeProposerIndex(job.fork as ForkName, increments, active, task.seed, sampler);
      margin = PROPOSER_MARGIN;
    }
    const known = sampler.knownResults();
    const wanted = Math.min(known.length + margin, results.length, active.length);
    while (known.length < wanted) sampler.shuffledIndex(known.length);
    const count = Math.min(known.length, results.length);
    results.set(known.slice(0, count));
    return count;
  }

  function finish(t: number, count: number): void {
    Atomics.store(counts, t, count);
    Atomics.store(states, t, TaskState.done);
    Atomics.notify(states, t);
  }
});
