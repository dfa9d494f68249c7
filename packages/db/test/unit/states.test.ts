import {strict as assert} from "node:assert";
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {Db, ForkedBeaconState} from "../../src/index.js";
import {ALL_FORKS, STORE_KINDS, testRoot, openEachTest} from "./helpers.js";

const defaultStates = new Map<ForkName, ForkedBeaconState["value"]>();

/** A default tree-backed state of `fork`, made distinct by its slot. */
function testState(fork: ForkName, slot: number): ForkedBeaconState {
  // A default mainnet state takes ~0.5 s to build; clones of one are free.
  let base = defaultStates.get(fork);
  if (base === undefined) {
    base = sszTypesFor(fork).BeaconState.defaultViewDU();
    defaultStates.set(fork, base);
  }
  const value = base.clone();
  value.slot = slot;
  return {fork, value} as ForkedBeaconState;
}

function assertSameState(actual: ForkedBeaconState | null, expected: ForkedBeaconState): void {
  assert.ok(actual !== null, "state missing");
  assert.equal(actual.fork, expected.fork);
  assert.equal(actual.value.slot, expected.value.slot);
  assert.deepEqual(actual.value.hashTreeRoot(), expected.value.hashTreeRoot());
}

for (const kind of STORE_KINDS) {
  describe(`states (${kind.name})`, function () {
    this.timeout(20_000);
    let db!: Db;
    openEachTest(kind, (opened) => (db = opened));

    it("round-trips an anchor state of every fork by state root", async () => {
      const states = ALL_FORKS.map((fork, i) => testState(fork, 32 * i + 3));
      for (const state of states) await db.anchorStates.put(state.value.hashTreeRoot(), state);
      for (const state of states) {
        const root = state.value.hashTreeRoot();
        assertSameState(await db.anchorStates.get(root), state);
        assert.equal(await db.anchorStates.has(root), true);
      }
      assert.equal(await db.anchorStates.get(testRoot(1)), null);
    });

    it("stores uncommitted changes of a view", async () => {
      const state = testState("electra", 10);
      // Set after the view's last commit: encoding must commit it, or the stored slot would be 10.
      state.value.slot = 11;
      await db.anchorStates.put(testRoot(11), state);
      assert.equal((await db.anchorStates.get(testRoot(11)))?.value.slot, 11);
    });

    it("round-trips checkpoint states by (epoch, root), lists keys in epoch order, finds the latest", async () => {
      const entries = [
        {epoch: 300, root: testRoot(2), state: testState("fulu", 9600)},
        {epoch: 2, root: testRoot(1), state: testState("phase0", 64)},
        {epoch: 256, root: testRoot(3), state: testState("deneb", 8192)},
        {epoch: 2, root: testRoot(0), state: testState("altair", 65)},
      ];
      for (const e of entries) await db.checkpointStates.put({epoch: e.epoch, root: e.root}, e.state);
      for (const e of entries) assertSameState(await db.checkpointStates.get({epoch: e.epoch, root: e.root}), e.state);
      assert.equal(await db.checkpointStates.get({epoch: 3, root: testRoot(1)}), null);

      const keys = await db.checkpointStates.keys();
      assert.deepEqual(
        keys.map((k) => [k.epoch, k.root[31]]),
        [
          [2, 0],
          [2, 1],
          [256, 3],
          [300, 2],
        ],
      );
      const window = await db.checkpointStates.keys({fromEpoch: 3, toEpoch: 256});
      assert.deepEqual(
        window.map((k) => k.epoch),
        [256],
      );

      const latest = await db.checkpointStates.getLatest();
      assert.equal(latest?.epoch, 300);
      assert.equal(latest?.state.fork, "fulu");
      assert.equal(latest?.state.value.slot, 9600);

      await db.checkpointStates.delete({epoch: 300, root: testRoot(2)});
      assert.equal((await db.checkpointStates.getLatest())?.epoch, 256);
    });

    it("returns the stored bytes with their fork", async () => {
      const state = testState("capella", 5);
      await db.anchorStates.put(testRoot(5), state);
      const bytes = await db.anchorStates.getBytes(testRoot(5));
      assert.equal(bytes?.fork, "capella");
      assert.deepEqual(bytes?.bytes, state.value.serialize());
    });
  });
}
