// The BLS worker pool seen from the chain: how many verification jobs wait or run, how many sets they
// carry, how long they take and how they end. Measured around the verifier the chain is given, so
// the pool itself stays free of metrics.
import {Counter, Gauge, Histogram, type Registry} from "prom-client";
import type {SignatureSet} from "@hearth/bls";

export interface SignatureSetVerifier {
  verifySignatureSets(sets: readonly SignatureSet[]): Promise<boolean>;
}

/** Wraps `verifier` so each call is counted and timed in `registry`; `workers` is the pool's size. */
export function instrumentBlsVerifier(verifier: SignatureSetVerifier, registry: Registry, workers: number): SignatureSetVerifier {
  const reg = [registry];
  new Gauge({name: "beacon_bls_pool_workers", help: "worker threads of the BLS pool", registers: reg}).set(workers);
  const queue = new Gauge({name: "beacon_bls_pool_queue_length", help: "verification jobs submitted and not yet answered", registers: reg});
  const jobs = new Counter({name: "beacon_bls_pool_jobs_total", help: "verification jobs by outcome (valid, invalid, error)", labelNames: ["result"], registers: reg});
  const sets = new Counter({name: "beacon_bls_pool_signature_sets_total", help: "signature sets submitted for verification", registers: reg});
  const seconds = new Histogram({
    name: "beacon_bls_pool_job_seconds",
    help: "time from submitting a job to its answer, waiting included",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: reg,
  });
  // every label shows from the first scrape, so rate() has a zero to start from
  for (const result of ["valid", "invalid", "error"]) jobs.inc({result}, 0);

  return {
    async verifySignatureSets(batch) {
      queue.inc();
      sets.inc(batch.length);
      const end = seconds.startTimer();
      try {
        const valid = await verifier.verifySignatureSets(batch);
        jobs.inc({result: valid ? "valid" : "invalid"});
        return valid;
      } catch (e) {
        jobs.inc({result: "error"});
        throw e;
      } finally {
        end();
        queue.dec();
      }
    },
  };
}
