import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {Clock} from "../../../src/chain/clock.js";

describe("chain Clock", () => {
  const genesisTime = 1_000_000;
  let nowMs = genesisTime * 1000;
  const clock = new Clock({genesisTime, slotDurationMs: 6000, now: () => nowMs});
  const seen: number[] = [];
  clock.onSlot((slot) => seen.push(slot));

  it("is at slot 0 before and at genesis", () => {
    nowMs = (genesisTime - 30) * 1000;
    assert.equal(clock.currentSlot, 0);
    assert.ok(clock.msIntoSlot < 0);
    nowMs = genesisTime * 1000;
    assert.equal(clock.currentSlot, 0);
    assert.equal(clock.msIntoSlot, 0);
  });

  it("counts slots and epochs from genesis_time and the slot duration", () => {
    nowMs = genesisTime * 1000 + 6000 * 5 + 5999;
    assert.equal(clock.currentSlot, 5);
    assert.equal(clock.msIntoSlot, 5999);
    nowMs = genesisTime * 1000 + 6000 * SLOTS_PER_EPOCH * 3;
    assert.equal(clock.currentEpoch, 3);
    assert.equal(clock.timeAtSlot(10), genesisTime + 60);
  });

  it("announces every slot passed once, in order", () => {
    nowMs = genesisTime * 1000;
    const fresh = new Clock({genesisTime, slotDurationMs: 6000, now: () => nowMs});
    const slots: number[] = [];
    fresh.onSlot((slot) => slots.push(slot));
    nowMs += 6000 * 3 + 10;
    fresh.tick();
    fresh.tick();
    assert.deepEqual(slots, [1, 2, 3]);
  });

  it("keeps announcing when a listener throws", () => {
    nowMs = genesisTime * 1000;
    const fresh = new Clock({genesisTime, slotDurationMs: 6000, now: () => nowMs});
    const slots: number[] = [];
    fresh.onSlot(() => {
      throw new Error("listener failure");
    });
    fresh.onSlot((slot) => slots.push(slot));
    nowMs += 12_000;
    fresh.tick();
    assert.deepEqual(slots, [1, 2]);
  });

  it("tolerates a peer clock slightly ahead", () => {
    nowMs = genesisTime * 1000 + 6000 * 7 - 300;
    assert.equal(clock.currentSlot, 6);
    assert.equal(clock.slotWithFutureTolerance(500), 7);
  });

  it("rejects a non-positive slot duration", () => {
    assert.throws(() => new Clock({genesisTime, slotDurationMs: 0}), /slot duration must be positive/);
  });
});
