import {strict as assert} from "node:assert";
import {deneb, fulu} from "@hearth/types";
import {DbErrorCode, type Db, type ForkedBlobSidecars, type ForkedDataColumnSidecar} from "../../src/index.js";
import {STORE_KINDS, rejectionCode, testRoot, openEachTest} from "./helpers.js";

function blobSidecars(fork: ForkedBlobSidecars["fork"], count: number, slot = 77): ForkedBlobSidecars {
  const value = Array.from({length: count}, (_, i) => {
    const sidecar = deneb.BlobSidecar.defaultValue();
    sidecar.index = i;
    sidecar.blob[0] = 0x10 + i;
    sidecar.signedBlockHeader.message.slot = slot;
    return sidecar;
  });
  return {fork, value};
}

function columnSidecar(index: number, slot = 99): ForkedDataColumnSidecar {
  const value = fulu.DataColumnSidecar.defaultValue();
  value.index = index;
  value.kzgCommitments = [new Uint8Array(48).fill(index)];
  value.signedBlockHeader.message.slot = slot;
  return {fork: "fulu", value};
}

for (const kind of STORE_KINDS) {
  describe(`sidecars (${kind.name})`, () => {
    let db!: Db;
    openEachTest(kind, (opened) => (db = opened));

    for (const fork of ["deneb", "electra", "fulu"] as const) {
      it(`round-trips ${fork} blob sidecars by block root`, async () => {
        const sidecars = blobSidecars(fork, 3);
        await db.blobSidecars.put(testRoot(1), sidecars);
        const got = await db.blobSidecars.get(testRoot(1));
        assert.equal(got?.fork, fork);
        assert.equal(got?.value.length, 3);
        assert.deepEqual(
          got?.value.map((s) => [s.index, s.blob[0], s.signedBlockHeader.message.slot]),
          [
            [0, 0x10, 77],
            [1, 0x11, 77],
            [2, 0x12, 77],
          ],
        );
      });
    }

    it("refuses blob sidecars tagged with a fork before deneb", async () => {
      const wrong = {fork: "capella", value: blobSidecars("deneb", 1).value} as unknown as ForkedBlobSidecars;
      assert.equal(await rejectionCode(db.blobSidecars.put(testRoot(2), wrong)), DbErrorCode.INVALID_VALUE);
      assert.equal(await db.blobSidecars.has(testRoot(2)), false);
    });

    it("round-trips data column sidecars by (block root, index) and lists a block's columns in order", async () => {
      for (const index of [100, 3, 64]) await db.dataColumnSidecars.put({blockRoot: testRoot(7), index}, columnSidecar(index));
      await db.dataColumnSidecars.put({blockRoot: testRoot(8), index: 5}, columnSidecar(5));

      const one = await db.dataColumnSidecars.get({blockRoot: testRoot(7), index: 64});
      assert.equal(one?.fork, "fulu");
      assert.equal(one?.value.index, 64);
      assert.deepEqual(one?.value.kzgCommitments, [new Uint8Array(48).fill(64)]);
      assert.equal(await db.dataColumnSidecars.get({blockRoot: testRoot(7), index: 5}), null);

      assert.deepEqual(await db.dataColumnSidecars.indices(testRoot(7)), [3, 64, 100]);
      const all = await db.dataColumnSidecars.getAll(testRoot(7));
      assert.deepEqual(
        all.map((c) => c.value.index),
        [3, 64, 100],
      );

      const batch = db.batch();
      await db.dataColumnSidecars.batchDeleteAll(batch, testRoot(7));
      assert.equal(batch.length, 3);
      await batch.commit();
      assert.deepEqual(await db.dataColumnSidecars.indices(testRoot(7)), []);
      assert.deepEqual(await db.dataColumnSidecars.indices(testRoot(8)), [5]);
    });

    it("refuses a data column sidecar tagged with a fork before fulu", async () => {
      const wrong = {fork: "electra", value: columnSidecar(1).value} as unknown as ForkedDataColumnSidecar;
      assert.equal(await rejectionCode(db.dataColumnSidecars.put({blockRoot: testRoot(1), index: 1}, wrong)), DbErrorCode.INVALID_VALUE);
    });

    it("prunes the blob sidecars of blocks before a slot, keeping the rest", async () => {
      // Slots past 2**32 check the upper half of the uint64 read.
      const slots = [10, 63, 64, 65, 2 ** 32 + 5];
      for (const [i, slot] of slots.entries()) await db.blobSidecars.put(testRoot(20 + i), blobSidecars("deneb", 2, slot));
      assert.equal(await db.blobSidecars.pruneBelowSlot(64), 2);
      const left = [];
      for (let i = 0; i < slots.length; i++) left.push(await db.blobSidecars.has(testRoot(20 + i)));
      assert.deepEqual(left, [false, false, true, true, true]);
      assert.equal(await db.blobSidecars.pruneBelowSlot(64), 0);
    });

    it("prunes data column sidecars of blocks before a slot, column by column", async () => {
      for (const index of [0, 5, 127]) await db.dataColumnSidecars.put({blockRoot: testRoot(30), index}, columnSidecar(index, 31));
      for (const index of [1, 2]) await db.dataColumnSidecars.put({blockRoot: testRoot(31), index}, columnSidecar(index, 32));
      assert.equal(await db.dataColumnSidecars.pruneBelowSlot(32), 3);
      assert.deepEqual(await db.dataColumnSidecars.indices(testRoot(30)), []);
      assert.deepEqual(await db.dataColumnSidecars.indices(testRoot(31)), [1, 2]);
      const kept = await db.dataColumnSidecars.get({blockRoot: testRoot(31), index: 2});
      assert.equal(kept?.value.signedBlockHeader.message.slot, 32);
    });
  });
}
