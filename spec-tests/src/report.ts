import type {Counts, Outcome, Report} from "./types.js";

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
    for (const [fork, runners] of Object.entries(forks))
      for (const [runner, c] of Object.entries(runners).sort(([a], [b]) => a.localeCompare(b)))
        rows.push([preset, fork, runner, String(c.passed), String(c.failed), String(c.skipped), String(c.notRun)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")).join("\n");
}
