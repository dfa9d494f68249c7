// Decrypts many keystores at start-up on worker threads, in parallel, logging progress while it
// runs: a node with thousands of keys otherwise sits silent for minutes.
import os from "node:os";
import {Worker} from "node:worker_threads";
import {noopLogger, type Logger} from "@hearth/api";
import type {DecryptRequest, DecryptResponse} from "./decryptWorker.js";

export interface DecryptJob {
  /** The keystore's JSON text. */
  keystore: string;
  password: string;
}

export type DecryptResult = {secret: Uint8Array} | {error: string};

export interface DecryptOptions {
  /** Worker threads (default: available cores, at most one per job). */
  threads?: number;
  logger?: Logger;
  /** Least time between two progress lines. */
  progressIntervalMs?: number;
}

/** One result per job, in order; a wrong password or broken keystore is a result, not a throw. */
export async function decryptKeystores(jobs: readonly DecryptJob[], opts: DecryptOptions = {}): Promise<DecryptResult[]> {
  if (jobs.length === 0) return [];
  const logger = opts.logger ?? noopLogger;
  const threads = Math.max(1, Math.min(jobs.length, opts.threads ?? os.availableParallelism()));
  const progressIntervalMs = opts.progressIntervalMs ?? 2000;
  const started = Date.now();
  logger.info("Decrypting keystores", {keystores: jobs.length, threads});

  const results: DecryptResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  let lastProgress = started;
  const workers: Worker[] = [];

  const runWorker = (worker: Worker): Promise<void> =>
    new Promise((resolve) => {
      let current = -1;
      const send = (): void => {
        if (next >= jobs.length) return resolve();
        const id = next++;
        current = id;
        worker.postMessage({id, keystore: jobs[id].keystore, password: jobs[id].password} satisfies DecryptRequest);
      };
      worker.on("message", (res: DecryptResponse) => {
        results[res.id] = "secret" in res ? {secret: new Uint8Array(res.secret)} : {error: res.error};
        done++;
        const now = Date.now();
        if (now - lastProgress >= progressIntervalMs && done < jobs.length) {
          lastProgress = now;
          logger.info("Decrypting keystores", {done, of: jobs.length, percent: Math.floor((done * 100) / jobs.length)});
        }
        send();
      });
      worker.on("error", (e) => {
        // a crashed thread fails the job it held; whatever is still queued falls to the others
        if (current >= 0) results[current] ??= {error: `decrypt worker failed: ${e.message}`};
        resolve();
      });
      send();
    });

  try {
    const runs: Promise<void>[] = [];
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL("./decryptWorker.js", import.meta.url));
      workers.push(worker);
      runs.push(runWorker(worker));
    }
    await Promise.all(runs);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  for (let i = 0; i < jobs.length; i++) results[i] ??= {error: "not decrypted: every worker failed"};
  logger.info("Keystores decrypted", {keystores: jobs.length, failed: results.filter((r) => "error" in r).length, ms: Date.now() - started});
  return results;
}
