import {strict as assert} from "node:assert";
import {sszTypesFor} from "@hearth/types";
import type {Db, ForkedSignedBeaconBlock} from "../../src/index.js";
import {ALL_FORKS, STORE_KINDS, blockRoot, testBlock, testRoot, openEachTest} from "./helpers.js";

function assertSameBlock(actual: ForkedSignedBeaconBlock | null, expected: ForkedSignedBeaconBlock): void {
  assert.ok(actual !== null, "block missing");
  assert.equal(actual.fork, expected.fork);
  assert.equal(actual.value.message.slot, expected.value.message.slot);
  assert.deepEqual(blockRoot(actual), blockRoot(expected));
}

for (const kind of STORE_KINDS) {
  describe(`blocks (${kind.name})`, () => {
    let db!: Db;
    openEachTest(kind, (opened) => (db = opened));

    describe("hotBlocks", () => {
      for (const fork of ALL_FORKS) {
        it(`round-trips a ${fork} block by root`, async () => {
          const block = testBlock(fork, 100 + ALL_FORKS.indexOf(fork));
          const root = blockRoot(block);
          await db.hotBlocks.put(root, block);
          assertSameBlock(await db.hotBlocks.get(root), block);
          assert.equal(await db.hotBlocks.has(root), true);
          const bytes = await db.hotBlocks.getBytes(root);
          assert.equal(bytes?.fork, fork);
          assert.deepEqual(bytes?.bytes, sszTypesFor(fork).SignedBeaconBlock.serialize(block.value as never));
        });
      }

      it("returns null for a missing root and deletes", async () => {
        const block = testBlock("electra", 5);
        const root = blockRoot(block);
        assert.equal(await db.hotBlocks.get(root), null);
        assert.equal(await db.hotBlocks.has(root), false);
        await db.hotBlocks.put(root, block);
        await db.hotBlocks.delete(root);
        assert.equal(await db.hotBlocks.get(root), null);
      });

      it("lists every root", async () => {
        const roots = [testRoot(3), testRoot(1), testRoot(2)];
        for (const [i, root] of roots.entries()) await db.hotBlocks.put(root, testBlock("deneb", i));
        const listed: Uint8Array[] = [];
        for await (const root of db.hotBlocks.roots()) listed.push(root);
        assert.deepEqual(listed, [testRoot(1), testRoot(2), testRoot(3)]);
      });
    });

    describe("blockArchive", () => {
      it("round-trips blocks of every fork by slot and by root", async () => {
        for (const [i, fork] of ALL_FORKS.entries()) {
          const block = testBlock(fork, 1000 * i + 1);
          await db.blockArchive.put(blockRoot(block), block);
        }
        for (const [i, fork] of ALL_FORKS.entries()) {
          const block = testBlock(fork, 1000 * i + 1);
          assertSameBlock(await db.blockArchive.get(1000 * i + 1), block);
          assertSameBlock(await db.blockArchive.getByRoot(blockRoot(block)), block);
          assert.equal(await db.blockArchive.getSlotByRoot(blockRoot(block)), 1000 * i + 1);
        }
        assert.equal(await db.blockArchive.get(2), null);
        assert.equal(await db.blockArchive.getByRoot(testRoot(9)), null);
      });

      it("reads ranges in slot order, across byte boundaries of the slot", async () => {
        // Inserted out of order, with slots whose little-endian order would differ.
        const slots = [256, 1, 65536, 255, 2 ** 32 + 1, 257, 0];
        for (const slot of slots) await db.blockArchive.put(testRoot(slot % 1000), testBlock("capella", slot));
        const sorted = [...slots].sort((a, b) => a - b);
        const slotsOf = (blocks: ForkedSignedBeaconBlock[]): number[] => blocks.map((b) => b.value.message.slot);

        assert.deepEqual(slotsOf(await db.blockArchive.getRange()), sorted);
        assert.deepEqual(slotsOf(await db.blockArchive.getRange({fromSlot: 2, toSlot: 65536})), [255, 256, 257, 65536]);
        assert.deepEqual(slotsOf(await db.blockArchive.getRange({fromSlot: 255, limit: 2})), [255, 256]);
        assert.deepEqual(slotsOf(await db.blockArchive.getRange({toSlot: 256, reverse: true, limit: 3})), [256, 255, 1]);
        assert.deepEqual(slotsOf(await db.blockArchive.getRange({fromSlot: 258, toSlot: 65535})), []);
        assert.equal(await db.blockArchive.lastSlot(), 2 ** 32 + 1);

        const bytes = await db.blockArchive.getRangeBytes({fromSlot: 0, toSlot: 1});
        assert.deepEqual(
          bytes.map((b) => b.fork),
          ["capella", "capella"],
        );
        assert.deepEqual(bytes[1].bytes, sszTypesFor("capella").SignedBeaconBlock.serialize(testBlock("capella", 1).value as never));
      });

      it("deletes a block together with its root index", async () => {
        const block = testBlock("altair", 42);
        const root = blockRoot(block);
        await db.blockArchive.put(root, block);
        await db.blockArchive.delete(42, root);
        assert.equal(await db.blockArchive.get(42), null);
        assert.equal(await db.blockArchive.getSlotByRoot(root), null);
        assert.equal(await db.blockArchive.lastSlot(), null);
      });
    });
  });
}
