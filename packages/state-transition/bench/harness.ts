// Timing and output of the benchmark: one JSON line per case, {"name", "ms", "ops_per_s"} (DESIGN.md),
// or {"name", "error"} when a case cannot run, so that one failing part never hides the others.

export interface BenchCase<T> {
  name: string;
  /** Timed runs after one untimed warm-up. */
  runs: number;
  /** Untimed setup of each run (a fresh clone to mutate, a state to hash). */
  prepare: () => T;
  /**
   * A full GC before each timed run, so that one run's garbage is not collected in the next; for
   * cases of a few slow runs only, since a full GC of a mainnet heap takes most of a second.
   */
  gcEachRun?: boolean;
  fn: (input: T) => void;
}

/** Runs a case and prints its mean time per run; a throw anywhere prints an error line instead. */
export function runCase<T>(c: BenchCase<T>): void {
  try {
    c.fn(c.prepare());
    collectGarbage();
    let totalNs = 0n;
    for (let i = 0; i < c.runs; i++) {
      const input = c.prepare();
      if (c.gcEachRun) collectGarbage();
      const start = process.hrtime.bigint();
      c.fn(input);
      totalNs += process.hrtime.bigint() - start;
    }
    const ms = Number(totalNs) / 1e6 / c.runs;
    printLine({name: c.name, ms: round(ms), ops_per_s: round(1000 / ms)});
  } catch (e) {
    printError(c.name, e);
  }
}

/** Times one call of `fn` (a build step too slow to repeat) and prints it as a case. */
export function timeOnce<T>(name: string, fn: () => T): T {
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  printLine({name, ms: round(ms), ops_per_s: round(1000 / ms)});
  return result;
}

export function printError(name: string, e: unknown): void {
  printLine({name, error: e instanceof Error ? e.message : String(e)});
}

export function printLine(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/** A full GC when node runs with --expose-gc (index.js makes sure it does). */
export function collectGarbage(): void {
  (globalThis as {gc?: () => void}).gc?.();
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}
