import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {VectorReport} from "../signatureSets/checkVectors.js";

// The sanity vectors are of the minimal preset, which sizes the SSZ types when they are first
// imported; this mocha process may run another, so the walk runs in a child of its own.
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../signatureSets/checkVectors.js");

describe("getBlockSignatureSets on the sanity blocks vectors", function () {
  this.timeout(600_000);
  let report: VectorReport;

  before(function () {
    const out = execFileSync(process.execPath, [script], {env: {...process.env, HEARTH_PRESET: "minimal"}, encoding: "utf8", maxBuffer: 64 << 20});
    const parsed = JSON.parse(out) as VectorReport | {missing: string};
    if ("missing" in parsed) {
      console.log(`    (no spec vectors at ${parsed.missing}: skipped)`);
      this.skip();
    }
    report = parsed as VectorReport;
  });

  it("verifies every valid block as one batch, and no longer with one byte of a signature or signing root flipped", () => {
    assert.deepEqual(report.failures, []);
    const forks = Object.keys(report.forks);
    assert.ok(forks.length >= 7, `vectors of ${forks.length} forks`);
    for (const fork of forks) assert.ok(report.forks[fork].blocks > 10, `${fork}: only ${report.forks[fork].blocks} blocks checked`);
  });

  it("rejects every invalid-signature case through the batch or process_block without signatures", () => {
    for (const [fork, counts] of Object.entries(report.forks)) {
      // invalid_all_zeroed_sig, invalid_incorrect_block_sig and ..._sig_from_expected_proposer are signature faults.
      assert.ok(counts.rejectedBySignatures >= 3, `${fork}: ${counts.rejectedBySignatures} rejected by the batch`);
    }
  });

  it("walks every case: the state transition between blocks succeeds", () => {
    assert.deepEqual(report.errors, []);
  });
});
