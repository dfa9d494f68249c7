import {strict as assert} from "node:assert";
import {Bucket, CURRENT_SCHEMA_VERSION, Db, DbErrorCode, MemoryKvStore} from "../../src/index.js";
import {STORE_KINDS, rejectionCode, testBlock, testRoot, thrownCode, openEachTest} from "./helpers.js";

const SCHEMA_KEY = Uint8Array.of(0x01);

function uint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

describe("schema version (memory)", () => {
  // One MemoryKvStore outlives the Dbs over it, as a directory outlives a process.
  let store: MemoryKvStore;
  beforeEach(() => {
    store = new MemoryKvStore();
  });

  async function setRaw(ops: {key: Uint8Array; value?: Uint8Array}[]): Promise<void> {
    await store.batch(ops.map(({key, value}) => (value ? {type: "put", key, value} : {type: "del", key})));
  }

  it("gives an empty database the current version", async () => {
    const db = await Db.openStore(store);
    assert.equal(db.schemaVersion, CURRENT_SCHEMA_VERSION);
    assert.deepEqual(await store.get(Uint8Array.of(Bucket.meta, ...SCHEMA_KEY)), uint32(CURRENT_SCHEMA_VERSION));
    await db.close();
    assert.equal((await Db.openStore(store)).schemaVersion, CURRENT_SCHEMA_VERSION);
  });

  it("refuses a newer version", async () => {
    await setRaw([{key: Uint8Array.of(Bucket.meta, ...SCHEMA_KEY), value: uint32(CURRENT_SCHEMA_VERSION + 1)}]);
    assert.equal(await rejectionCode(Db.openStore(store)), DbErrorCode.SCHEMA_NEWER);
  });

  it("refuses an older version, a malformed version, and data without a version", async () => {
    await setRaw([{key: Uint8Array.of(Bucket.meta, ...SCHEMA_KEY), value: uint32(0)}]);
    assert.equal(await rejectionCode(Db.openStore(store)), DbErrorCode.SCHEMA_UNKNOWN);
    await setRaw([{key: Uint8Array.of(Bucket.meta, ...SCHEMA_KEY), value: Uint8Array.of(1)}]);
    assert.equal(await rejectionCode(Db.openStore(store)), DbErrorCode.SCHEMA_UNKNOWN);
    await setRaw([{key: Uint8Array.of(Bucket.meta, ...SCHEMA_KEY)}, {key: Uint8Array.of(Bucket.hotBlock, 1), value: Uint8Array.of(0)}]);
    assert.equal(await rejectionCode(Db.openStore(store)), DbErrorCode.SCHEMA_UNKNOWN);
  });
});

for (const kind of STORE_KINDS) {
  describe(`batches and close (${kind.name})`, () => {
    let db!: Db;
    openEachTest(kind, (opened) => (db = opened));

    it("commits puts across repositories together", async () => {
      const batch = db.batch();
      db.hotBlocks.batchPut(batch, testRoot(1), testBlock("bellatrix", 1));
      db.blockArchive.batchPut(batch, testRoot(2), testBlock("altair", 2));
      db.chainInfo.headRoot.batchPut(batch, testRoot(1));
      assert.equal(batch.length, 4);
      assert.equal(await db.hotBlocks.get(testRoot(1)), null, "nothing is written before commit");
      await batch.commit();
      assert.equal((await db.hotBlocks.get(testRoot(1)))?.value.message.slot, 1);
      assert.equal(await db.blockArchive.getSlotByRoot(testRoot(2)), 2);
      assert.deepEqual(await db.chainInfo.headRoot.get(), testRoot(1));
    });

    it("leaves nothing when a batch is never committed", async () => {
      const batch = db.batch();
      db.hotBlocks.batchPut(batch, testRoot(1), testBlock("phase0", 1));
      db.chainInfo.headRoot.batchPut(batch, testRoot(1));
      assert.equal(batch.length, 2);
      assert.equal(await db.hotBlocks.has(testRoot(1)), false);
      assert.equal(await db.chainInfo.headRoot.get(), null);
    });

    it("applies ops in order: a delete after a put of the same key wins", async () => {
      await db.hotBlocks.put(testRoot(3), testBlock("phase0", 3));
      const batch = db.batch();
      db.hotBlocks.batchPut(batch, testRoot(1), testBlock("phase0", 1));
      db.hotBlocks.batchDelete(batch, testRoot(1));
      db.hotBlocks.batchDelete(batch, testRoot(3));
      db.hotBlocks.batchPut(batch, testRoot(3), testBlock("phase0", 33));
      await batch.commit();
      assert.equal(await db.hotBlocks.has(testRoot(1)), false);
      assert.equal((await db.hotBlocks.get(testRoot(3)))?.value.message.slot, 33);
    });

    it("queues nothing for a value that cannot be encoded", () => {
      const batch = db.batch();
      db.chainInfo.headRoot.batchPut(batch, testRoot(1));
      assert.equal(thrownCode(() => db.blockArchive.batchPut(batch, testRoot(2), {fork: "capella", value: {}} as never)), DbErrorCode.INVALID_VALUE);
      assert.equal(batch.length, 1);
    });

    it("refuses a committed batch and another Db's batch", async () => {
      const batch = db.batch();
      db.chainInfo.headRoot.batchPut(batch, testRoot(1));
      await batch.commit();
      assert.equal(batch.isCommitted, true);
      assert.equal(await rejectionCode(batch.commit()), DbErrorCode.BATCH_COMMITTED);
      assert.equal(thrownCode(() => db.chainInfo.headRoot.batchPut(batch, testRoot(2))), DbErrorCode.BATCH_COMMITTED);

      const other = await Db.openInMemory();
      assert.equal(thrownCode(() => db.hotBlocks.batchPut(other.batch(), testRoot(1), testBlock("phase0", 1))), DbErrorCode.BATCH_OTHER_DB);
      await other.close();
    });

    it("closes idempotently, finishing a write begun before close and refusing later ones", async () => {
      const writing = db.hotBlocks.put(testRoot(1), testBlock("fulu", 1));
      const pendingBatch = db.batch();
      db.chainInfo.headRoot.batchPut(pendingBatch, testRoot(1));
      const first = db.close();
      const second = db.close();
      assert.equal(first, second);
      await Promise.all([writing, first]);
      assert.equal(db.isOpen, false);
      assert.equal(await rejectionCode(db.hotBlocks.get(testRoot(1))), DbErrorCode.CLOSED);
      assert.equal(await rejectionCode(db.hotBlocks.put(testRoot(2), testBlock("fulu", 2))), DbErrorCode.CLOSED);
      assert.equal(await rejectionCode(pendingBatch.commit()), DbErrorCode.CLOSED);
      assert.equal(await rejectionCode(db.blockArchive.getRange()), DbErrorCode.CLOSED);
      assert.equal(thrownCode(() => db.batch()), DbErrorCode.CLOSED);
    });
  });
}
