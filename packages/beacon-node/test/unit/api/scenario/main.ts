// Run by api.test.ts in a child process with HEARTH_PRESET=minimal (the preset sizes the SSZ types at
// import, as for the chain's tests): per fork, a dev chain served by the API implementation and
// called through the typed client. Prints one JSON report for the test to assert on.
import type {ForkName} from "@hearth/params";
import {basicGroups} from "./basicGroups.js";
import {blockGroups} from "./blockGroups.js";
import {closeScenario, createScenario} from "./context.js";
import {finalityGroup} from "./finalityGroup.js";
import {opGroups} from "./opGroups.js";
import {Recorder, type ForkReport} from "./report.js";

async function runFork(fork: ForkName, withFinality: boolean): Promise<ForkReport> {
  const r = new Recorder();
  const ctx = await createScenario(fork, r);
  try {
    await basicGroups(ctx);
    await blockGroups(ctx);
    await opGroups(ctx);
    if (withFinality) await finalityGroup(ctx, 4);
  } finally {
    await closeScenario(ctx);
  }
  return r.report;
}

async function main(): Promise<void> {
  const forks = (process.argv[2] ?? "phase0,altair,bellatrix,capella,deneb,electra,fulu").split(",") as ForkName[];
  // the forks that also run on to finality (seconds each)
  const finalityForks = (process.argv[3] ?? "").split(",");
  const out: Record<string, ForkReport | {error: string}> = {};
  for (const fork of forks) {
    try {
      out[fork] = await runFork(fork, finalityForks.includes(fork));
    } catch (e) {
      out[fork] = {error: e instanceof Error ? (e.stack ?? e.message) : String(e)};
    }
  }
  process.stdout.write(JSON.stringify(out));
}

await main();
