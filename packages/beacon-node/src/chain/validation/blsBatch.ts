// Gathers the signature sets of many concurrent gossip validations (attestations, aggregates, sync
// messages) into one BLS batch: a batch verifies N sets for little more than the cost of one
// pairing check per set plus one final exponentiation. If the batch fails, each job is re-verified
// alone, so one bad signature costs only its sender.
import type {SignatureSet} from "@hearth/bls";

export interface SignatureVerifier {
  verifySignatureSets(sets: readonly SignatureSet[]): Promise<boolean>;
}

interface Job {
  sets: SignatureSet[];
  resolve(ok: boolean): void;
}

export interface BlsBatcherOptions {
  /** Flush once this many sets wait (default 128). */
  maxSets?: number;
  /** Flush at the latest this long after the first set arrived (default 10 ms). */
  maxWaitMs?: number;
}

export class BlsBatcher {
  private jobs: Job[] = [];
  private pendingSets = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly maxSets: number;
  private readonly maxWaitMs: number;
  /** Batches run and jobs re-verified after a failed batch, for tests and metrics. */
  readonly stats = {batches: 0, sets: 0, retried: 0};

  constructor(
    private readonly verifier: SignatureVerifier,
    opts: BlsBatcherOptions = {}
  ) {
    this.maxSets = opts.maxSets ?? 128;
    this.maxWaitMs = opts.maxWaitMs ?? 10;
  }

  verify(sets: SignatureSet[]): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.jobs.push({sets, resolve});
      this.pendingSets += sets.length;
      if (this.pendingSets >= this.maxSets) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const jobs = this.jobs;
    this.jobs = [];
    this.pendingSets = 0;
    if (jobs.length > 0) void this.run(jobs);
  }

  private async run(jobs: Job[]): Promise<void> {
    const all = jobs.flatMap((j) => j.sets);
    this.stats.batches++;
    this.stats.sets += all.length;
    if (await this.safeVerify(all)) {
      for (const j of jobs) j.resolve(true);
      return;
    }
    if (jobs.length === 1) {
      jobs[0].resolve(false);
      return;
    }
    this.stats.retried += jobs.length;
    await Promise.all(jobs.map(async (j) => j.resolve(await this.safeVerify(j.sets))));
  }

  private async safeVerify(sets: SignatureSet[]): Promise<boolean> {
    try {
      return await this.verifier.verifySignatureSets(sets);
    } catch {
      // A malformed signature or key is an invalid signature.
      return false;
    }
  }
}
