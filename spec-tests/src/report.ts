import {FORK_NAMES} from "@hearth/params";
import type {Counts, Outcome, Report} from "./types.js";

const forkOrder = (fork: string): number => {
  const i = (FORK_NAMES as readonly string[]).indexOf(fork);
  return i < 0 ? FORK_NAMES.length : i;
};

export function emptyCounts(): Counts {
  return {passed: 0, failed: 0, skipped: 0, notRun: 0};
}

export function addOutcome(report: Report, preset: string, fork: string, runner: string, outcome: Outcome): void {
  const forks = (report[preset] ??= {});
  const runners = (forks[fork] ??= {});
  const counts = (runners[runner] ??= emptyCounts());
  counts[outcome]++;
}

export function totals(report: Report): Counts {
  const sum = emptyCounts();
  for (const forks of Object.values(report))
    for (const runners of Object.values(forks))
      for (const c of Object.values(runners)) for (const k of Object.keys(sum) as Outcome[]) sum[k] += c[k];
  return sum;
}

/** One row per preset × fork × runner, aligned for a terminal. */
export function formatTable(report: Report): string {
  const rows: string[][] = [["preset", "fork", "runner", "passed", "failed", "skipped", "notRun"]];
  for (const [preset, forks] of Object.entries(report))
    for (const [fork, runners] of Object.entries(forks).sort(([a], [b]) => forkOrder(a) - forkOrder(b)))
      for (const [runner, c] of Object.entries(runners).sort(([a], [b]) => a.localeCompare(b)))
        rows.push([preset, fork, runner, String(c.passed), String(c.failed), String(c.skipped), String(c.notRun)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")).join("\n");
}

/** Sums reports of disjoint case sets (the shards of one run). */
export function mergeReports(reports: Report[]): Report {
  const out: Report = {};
  for (const r of reports)
    for (const [preset, forks] of Object.entries(r))
      for (const [fork, runners] of Object.entries(forks))
        for (const [runner, c] of Object.entries(runners)) {
          const target = ((out[preset] ??= {})[fork] ??= {})[runner] ??= emptyCounts();
          for (const k of Object.keys(target) as Outcome[]) target[k] += c[k];
        }
  return out;
}
