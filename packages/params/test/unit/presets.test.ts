import {strict as assert} from "node:assert";
import {presets, ACTIVE_PRESET, activePreset, SLOTS_PER_EPOCH, ForkSeq, FORK_NAMES, forkBefore} from "../../src/index.js";

describe("params", () => {
  it("defines the same constants in both presets", () => {
    assert.deepEqual(Object.keys(presets.minimal).sort(), Object.keys(presets.mainnet).sort());
    assert.equal(Object.keys(presets.mainnet).length, 71);
  });

  it("has the spec's mainnet values", () => {
    const p = presets.mainnet;
    assert.equal(p.SLOTS_PER_EPOCH, 32);
    assert.equal(p.SHUFFLE_ROUND_COUNT, 90);
    assert.equal(p.SYNC_COMMITTEE_SIZE, 512);
    assert.equal(p.EPOCHS_PER_HISTORICAL_VECTOR, 65536);
    assert.equal(p.MAX_EFFECTIVE_BALANCE_ELECTRA, 2_048_000_000_000);
    assert.equal(p.PENDING_PARTIAL_WITHDRAWALS_LIMIT, 134_217_728);
    assert.equal(p.MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP, 8);
    assert.equal(p.NUMBER_OF_COLUMNS, 128);
    assert.equal(p.KZG_COMMITMENT_INCLUSION_PROOF_DEPTH, 17);
  });

  it("has the spec's minimal values", () => {
    const p = presets.minimal;
    assert.equal(p.SLOTS_PER_EPOCH, 8);
    assert.equal(p.SHUFFLE_ROUND_COUNT, 10);
    assert.equal(p.SYNC_COMMITTEE_SIZE, 32);
    assert.equal(p.MAX_WITHDRAWALS_PER_PAYLOAD, 4);
  });

  it("exports the active preset's values by name", () => {
    assert.equal(SLOTS_PER_EPOCH, presets[ACTIVE_PRESET].SLOTS_PER_EPOCH);
    assert.ok(Object.isFrozen(activePreset));
  });

  it("orders the forks", () => {
    assert.deepEqual(FORK_NAMES.map((f) => ForkSeq[f]), [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(forkBefore("fulu"), "electra");
    assert.equal(forkBefore("phase0"), null);
  });
});
