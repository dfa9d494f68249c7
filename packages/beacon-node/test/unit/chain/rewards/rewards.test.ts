import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";

// The dev chain runs on the minimal preset, which sizes the SSZ types at import: so in a child.
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "scenario.js");

describe("rewards and light-client data on an altair interop dev chain (64 validators, full participation)", function () {
  this.timeout(60_000);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let r: any;
  before(() => {
    r = JSON.parse(execFileSync(process.execPath, [script], {env: {...process.env, HEARTH_PRESET: "minimal"}, encoding: "utf8"}));
  });

  it("a block's proposer reward is the proposer's balance change from process_block", () => {
    assert.equal(r.blockRewards.total, r.proposerDelta - r.proposerOwnSync);
    assert.equal(r.blockRewards.total, 1431066);
    assert.equal(r.blockRewards.attestations + r.blockRewards.syncAggregate, r.blockRewards.total);
    assert.equal(r.blockRewards.syncAggregate, 32 * 1597, "32 participants × the proposer's share of each");
  });

  it("each sync committee member of a full aggregate earns the participant reward", () => {
    assert.equal(r.syncRewards.length, 32);
    assert.ok(r.syncRewards.every((x: number) => x === 11180), JSON.stringify(r.syncRewards));
  });

  it("a validator that earned every flag gets the ideal reward of its effective balance", () => {
    assert.equal(r.totalCount, 64);
    assert.deepEqual(r.idealFull, {effectiveBalance: 32e9, head: 313047, target: 581373, source: 313047, inactivity: 0});
    const {head, target, source, inactivity} = r.idealFull;
    assert.deepEqual(r.totalFirst, {validatorIndex: 0, head, target, source, inactivity});
  });

  it("the light-client server holds a bootstrap for the finalized block, a best update and the latest updates", () => {
    assert.equal(r.finalizedEpoch, 3);
    assert.equal(r.bootstrapSlot, 24);
    assert.equal(r.updatePeriods.length, 1, "one sync committee period so far");
    assert.deepEqual(r.finality, {attested: 39, finalized: 16});
    assert.equal(r.optimistic, 39);
    assert.ok(r.finalityEvents >= 1);
    assert.equal(r.optimisticEvents, 39, "one push per new attested header, slots 1..39");
  });
});
