import {mkdirSync, writeFileSync, existsSync} from "node:fs";
import path from "node:path";
import {discoverCases, casePath} from "./discover.js";
import {skipReason} from "./skips.js";
import {addOutcome, formatTable, totals} from "./report.js";
import {RUNNERS} from "./runners/index.js";
import type {CaseFn, Report} from "./types.js";

export interface RunOptions {
  preset: string;
  forks?: string[];
  runners?: string[];
  handlers?: string[];
  report?: string;
  verbose: boolean;
  specTestsDir: string;
}

/** Runs every case on disk for the preset (and the preset-free "general" ones); returns the failed count. */
export async function runSpecTests(opts: RunOptions): Promise<number> {
  const testsDir = path.join(opts.specTestsDir, "tests");
  if (!existsSync(testsDir)) throw new Error(`no spec tests at ${testsDir}: set SPEC_TESTS_DIR`);
  const cases = discoverCases(testsDir, [opts.preset, "general"], opts);
  if (!existsSync(path.join(testsDir, opts.preset))) console.log(`note: no vectors for preset ${opts.preset} in ${testsDir}`);

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

  const shown = failures.slice(0, 50);
  if (shown.length) console.log(shown.join("\n") + (failures.length > shown.length ? `\n… and ${failures.length - shown.length} more` : ""));
  console.log(formatTable(report));
  const t = totals(report);
  console.log(`(${t.notRun} not run: runners or handlers not bound yet; ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  if (opts.report) {
    mkdirSync(path.dirname(path.resolve(opts.report)), {recursive: true});
    writeFileSync(opts.report, JSON.stringify(report, null, 2) + "\n");
  }
  console.log(`spec: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  return t.failed;
}
