import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {ForkReport} from "./scenario/report.js";

// The chain under the API runs on the minimal preset (8 slots per epoch), which sizes the SSZ types
// when they are first imported; this mocha process may run another, so the scenario runs in a child
// of its own and reports, per fork and group, each value the API gave beside the one expected.
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "scenario", "main.js");
const FORKS = ["phase0", "altair", "bellatrix", "capella", "deneb", "electra", "fulu"] as const;
// Finality is the same API code on every fork; running a chain to it costs seconds, so a few forks do.
const FINALITY_FORKS = new Set(["phase0", "electra", "fulu"]);

const GROUPS: [string, string][] = [
  ["node", "node: version string, health 200, syncing from the chain, no peers yet"],
  ["config", "config: spec with preset values and constants, fork schedule, deposit contract"],
  ["genesis", "genesis, and the genesis block and state by every id that names them"],
  ["validators", "state validators by index and pubkey, with status filters; unknown pubkey 404"],
  ["duties", "proposer, attester and sync duties with their dependent roots"],
  ["committees", "epoch and sync committees, with 400 for epochs the state cannot answer"],
  ["notFound", "unknown state and block ids answer 404, a malformed one 400"],
  ["publish", "a block produced, signed and published through the API becomes the head, with events"],
  ["pool", "attestation data, pooled attestations and aggregates; a bad signature is a per-item failure"],
  ["liveness", "liveness from what the node saw"],
  ["badBlocks", "bad blocks answer 400 with the chain's error code and leave the head unchanged"],
  ["feeRecipient", "prepareBeaconProposer's fee recipient is paid; a bad RANDAO reveal is a 400"],
  ["debug", "the whole state as JSON and SSZ"],
  ["syncCommittee", "sync committee messages (per-item failures) and contributions; none before altair"],
  ["operations", "exits and slashings rejected with the chain's error code; pools listed; subscriptions accepted"],
];

describe("Beacon API implementation over a minimal-preset dev chain", function () {
  this.timeout(600_000);
  let reports: Record<string, ForkReport | {error: string}>;

  before(() => {
    const out = execFileSync(process.execPath, [script, FORKS.join(","), [...FINALITY_FORKS].join(",")], {
      env: {...process.env, HEARTH_PRESET: "minimal"},
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    reports = JSON.parse(out) as typeof reports;
  });

  function assertGroup(fork: string, group: string): void {
    const report = reports[fork];
    if (typeof report.error === "string") assert.fail(`${fork}: ${report.error}`);
    const result = (report as ForkReport)[group];
    assert.ok(result !== undefined, `${fork}: group ${group} did not run`);
    if (result.error !== undefined) assert.fail(`${fork} ${group}: ${result.error}`);
    assert.ok(Object.keys(result.checks).length > 0, `${fork} ${group}: no checks`);
    for (const [name, {actual, expected}] of Object.entries(result.checks)) {
      assert.deepEqual(actual, expected, `${fork} ${group} ${name}`);
    }
  }

  for (const fork of FORKS) {
    describe(fork, () => {
      for (const [group, title] of GROUPS) it(title, () => assertGroup(fork, group));
      if (FINALITY_FORKS.has(fork)) {
        it("after finality: finalized metadata, finalized and genesis ids, the finalized_checkpoint event", () => assertGroup(fork, "finality"));
      }
    });
  }
});
