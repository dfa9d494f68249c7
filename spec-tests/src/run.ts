import {mkdirSync, writeFileSync, existsSync} from "node:fs";
import path from "node:path";
import {discoverCases, casePath} from "./discover.js";
import {skipReason} from "./skips.js";
import {addOutcome, formatTable, totals, mergeReports} from "./report.js";
import {RUNNERS} from "./runners/index.js";
import type {CaseFn, Report} from "./types.js";

export interface RunOptions {
  preset: string;
  forks?: string[];
  runners?: string[];
  handlers?: string[];
  verbose: boolean;
  specTestsDir: string;
  /** Run only cases i with i % count === index: the parent spreads the cases over child processes. */
  shard?: {index: number; count: number};
}

export interface RunResults {
  report: Report;
  failures: string[];
  seconds: number;
}

/** Runs every case on disk for the preset (and the preset-free "general" ones) in this process. */
export async function collectResults(opts: RunOptions): Promise<RunResults> {
  const testsDir = path.join(opts.specTestsDir, "tests");
  if (!existsSync(testsDir)) throw new Error(`no spec tests at ${testsDir}: set SPEC_TESTS_DIR`);
  let cases = discoverCases(testsDir, [opts.preset, "general"], opts);
  if (opts.shard) {
    const {index, count} = opts.shard;
    cases = cases.filter((_, i) => i % count === index);
  }

  const report: Report = {};
  const failures: string[] = [];
  const bound = new Map<string, CaseFn | null>();
  const started = Date.now();

  for (const c of cases) {
    const key = `${c.fork}/${c.runner}/${c.handler}`;
    if (!bound.has(key)) bound.set(key, RUNNERS[c.runner]?.handler(c.handler, c.fork, c.preset) ?? null);
    // A listed skip counts as skipped whether or not its handler is bound: the list is the record.
    const reason = skipReason(c);
    if (reason) {
      addOutcome(report, c.preset, c.fork, c.runner, "skipped");
      if (opts.verbose) console.log(`skip ${casePath(c)}: ${reason}`);
      continue;
    }
    const fn = bound.get(key);
    if (!fn) {
      addOutcome(report, c.preset, c.fork, c.runner, "notRun");
      continue;
    }
    try {
      await fn(c);
      addOutcome(report, c.preset, c.fork, c.runner, "passed");
    } catch (e) {
      addOutcome(report, c.preset, c.fork, c.runner, "failed");
      failures.push(`FAIL ${casePath(c)}: ${(e as Error).message ?? String(e)}`);
      if (opts.verbose) console.error((e as Error).stack);
    }
  }
  return {report, failures, seconds: (Date.now() - started) / 1000};
}

export function mergeResults(parts: RunResults[]): RunResults {
  return {
    report: mergeReports(parts.map((p) => p.report)),
    failures: parts.flatMap((p) => p.failures).sort(),
    seconds: Math.max(0, ...parts.map((p) => p.seconds)),
  };
}

/** Prints failures, the table and the closing line; writes --report; returns the failed count. */
export function summarize(results: RunResults, reportFile?: string): number {
  const {report, failures} = results;
  const shown = failures.slice(0, 50);
  if (shown.length) console.log(shown.join("\n") + (failures.length > shown.length ? `\n… and ${failures.length - shown.length} more` : ""));
  console.log(formatTable(report));
  const t = totals(report);
  console.log(`(${t.notRun} not run: runners or handlers not bound yet; ${results.seconds.toFixed(1)}s)`);
  if (reportFile) {
    mkdirSync(path.dirname(path.resolve(reportFile)), {recursive: true});
    writeFileSync(reportFile, JSON.stringify(report, null, 2) + "\n");
  }
  console.log(`spec: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  return t.failed;
}
