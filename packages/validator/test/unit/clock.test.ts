import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {Clock, sleep} from "../../src/index.js";

const GENESIS = 1_700_000_000;

describe("Clock", () => {
  describe("slot math", () => {
    const now = {ms: 0};
    const clock = new Clock({genesisTime: GENESIS, slotDurationMs: 12_000, now: () => now.ms});

    it("counts slots from genesis, slot 0 before it", () => {
      const cases: [number, number][] = [
        [GENESIS * 1000 - 50_000, 0],
        [GENESIS * 1000, 0],
        [GENESIS * 1000 + 11_999, 0],
        [GENESIS * 1000 + 12_000, 1],
        [GENESIS * 1000 + 1000 * 12_000 - 1, 999],
        [GENESIS * 1000 + 1000 * 12_000, 1000],
      ];
      for (const [ms, slot] of cases) {
        now.ms = ms;
        assert.equal(clock.currentSlot, slot, `at ${ms}`);
      }
    });

    it("gives epochs and slot starts", () => {
      now.ms = GENESIS * 1000 + 100 * 12_000 + 5;
      assert.equal(clock.currentSlot, 100);
      assert.equal(clock.currentEpoch, Math.floor(100 / SLOTS_PER_EPOCH));
      assert.equal(clock.slotStartMs(100), GENESIS * 1000 + 1_200_000);
    });

    it("places slot components with get_slot_component_duration_ms", () => {
      assert.equal(clock.slotComponentMs(3333), 3999);
      assert.equal(clock.slotComponentMs(6667), 8000);
      assert.equal(clock.slotComponentMs(0), 0);
      const short = new Clock({genesisTime: GENESIS, slotDurationMs: 6000});
      assert.equal(short.slotComponentMs(3333), 1999);
    });

    it("refuses a component outside the slot", () => {
      assert.throws(() => clock.on(10_000, "late", () => {}), /slot component/);
    });
  });

  describe("running", function () {
    this.timeout(10_000);
    const SLOT_MS = 300;

    it("fires each point of each slot in order, near its time, and nothing after stop", async () => {
      // the current slot's first point lies ahead of genesis by whole seconds
      const genesisTime = Math.floor(Date.now() / 1000) - 5;
      const clock = new Clock({genesisTime, slotDurationMs: SLOT_MS});
      const fired: {slot: number; point: string; offset: number}[] = [];
      const record = (point: string) => (slot: number) => {
        fired.push({slot, point, offset: Date.now() - clock.slotStartMs(slot)});
      };
      clock.on(6667, "aggregate", record("aggregate"));
      clock.on(0, "start", record("start"));
      clock.on(3333, "attest", record("attest"));
      const controller = new AbortController();
      const running = clock.start(controller.signal);
      await sleep(SLOT_MS * 3 + 50, new AbortController().signal);
      controller.abort();
      await running;
      const count = fired.length;
      assert.ok(count >= 8 && count <= 11, `${count} points fired`);
      const order = ["start", "attest", "aggregate"];
      for (let i = 1; i < fired.length; i++) {
        const [a, b] = [fired[i - 1], fired[i]];
        const expectedPoint = order[(order.indexOf(a.point) + 1) % 3];
        assert.equal(b.point, expectedPoint);
        assert.equal(b.slot, b.point === "start" ? a.slot + 1 : a.slot);
      }
      for (const f of fired) {
        const due = {start: 0, attest: 99, aggregate: 200}[f.point] as number;
        assert.ok(f.offset >= due && f.offset < due + 80, `${f.point} of slot ${f.slot} at +${f.offset}ms`);
      }
      await sleep(SLOT_MS, new AbortController().signal);
      assert.equal(fired.length, count, "no point fires after stop");
    });

    it("waits for its handlers on stop and aborts them", async () => {
      const clock = new Clock({genesisTime: Math.floor(Date.now() / 1000) - 1, slotDurationMs: SLOT_MS});
      let ended = false;
      let started = false;
      clock.on(0, "long", async (_slot, signal) => {
        started = true;
        await sleep(60_000, signal);
        ended = signal.aborted;
      });
      const controller = new AbortController();
      const running = clock.start(controller.signal);
      while (!started) await sleep(10, new AbortController().signal);
      controller.abort();
      await running;
      assert.equal(ended, true);
    });

    it("logs and survives a failing handler", async () => {
      const errors: string[] = [];
      const logger = {error: (msg: string) => errors.push(msg), warn: () => {}, info: () => {}, debug: () => {}};
      const clock = new Clock({genesisTime: Math.floor(Date.now() / 1000) - 1, slotDurationMs: 100, logger});
      let calls = 0;
      clock.on(0, "boom", () => {
        calls++;
        throw new Error("boom");
      });
      const controller = new AbortController();
      const running = clock.start(controller.signal);
      await sleep(250, new AbortController().signal);
      controller.abort();
      await running;
      assert.ok(calls >= 2, `${calls} calls`);
      assert.equal(errors.length, calls);
    });

    it("skips points missed by more than a slot instead of replaying them", async () => {
      const offset = {ms: 0};
      const warnings: string[] = [];
      const logger = {error: () => {}, warn: (msg: string) => warnings.push(msg), info: () => {}, debug: () => {}};
      const clock = new Clock({genesisTime: Math.floor(Date.now() / 1000) - 1, slotDurationMs: 100, now: () => Date.now() + offset.ms, logger});
      const slots: number[] = [];
      clock.on(0, "start", (slot) => {
        slots.push(slot);
        // the process "sleeps" 10 slots after the first point
        if (slots.length === 1) offset.ms = 1000;
      });
      const controller = new AbortController();
      const running = clock.start(controller.signal);
      await sleep(250, new AbortController().signal);
      controller.abort();
      await running;
      assert.ok(slots.length >= 2, `${slots.length} slots`);
      assert.ok(slots[1] - slots[0] >= 10, `jumped from ${slots[0]} to ${slots[1]}`);
      assert.ok(warnings.length >= 8, `${warnings.length} skipped points logged`);
    });
  });
});
