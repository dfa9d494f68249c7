import {strict as assert} from "node:assert";
import {join} from "node:path";
import {Bucket, Db, DbErrorCode} from "../../src/index.js";
import {cleanupTmpDirs, rejectionCode, testBlock, testRoot, tmpDbDir} from "./helpers.js";

describe("classic-level database on disk", () => {
  afterEach(() => cleanupTmpDirs());

  it("keeps data across close and reopen, and creates missing directories", async () => {
    const path = join(tmpDbDir(), "nested", "chain-db");
    const db = await Db.open({path});
    await db.hotBlocks.put(testRoot(1), testBlock("electra", 10));
    await db.blockArchive.put(testRoot(2), testBlock("deneb", 9));
    await db.chainInfo.finalizedCheckpoint.put({epoch: 4, root: testRoot(2)});
    await db.close();

    const reopened = await Db.open({path});
    try {
      assert.equal((await reopened.hotBlocks.get(testRoot(1)))?.value.message.slot, 10);
      assert.equal((await reopened.blockArchive.getByRoot(testRoot(2)))?.fork, "deneb");
      assert.deepEqual(await reopened.chainInfo.finalizedCheckpoint.get(), {epoch: 4, root: testRoot(2)});
    } finally {
      await reopened.close();
    }
  });

  it("leaves nothing on disk for a batch that was never committed", async () => {
    const path = tmpDbDir();
    const db = await Db.open({path});
    const batch = db.batch();
    db.hotBlocks.batchPut(batch, testRoot(1), testBlock("phase0", 1));
    db.chainInfo.headRoot.batchPut(batch, testRoot(1));
    await db.close();

    const reopened = await Db.open({path});
    try {
      assert.equal(await reopened.hotBlocks.has(testRoot(1)), false);
      assert.equal(await reopened.chainInfo.headRoot.get(), null);
    } finally {
      await reopened.close();
    }
  });

  it("refuses a second open of the same directory while the first is open", async () => {
    const path = tmpDbDir();
    const db = await Db.open({path});
    assert.equal(await rejectionCode(Db.open({path})), DbErrorCode.LOCKED);
    await db.close();
    const again = await Db.open({path});
    await again.close();
  });

  it("refuses a newer schema at open, and releases the directory when it does", async () => {
    const path = tmpDbDir();
    const db = await Db.open({path});
    const batch = db.batch();
    batch.putRaw(Bucket.meta, Uint8Array.of(0x01), Uint8Array.of(0, 0, 0, 99));
    await batch.commit();
    await db.close();

    assert.equal(await rejectionCode(Db.open({path})), DbErrorCode.SCHEMA_NEWER);
    // Not LOCKED: the failed open closed the store again.
    assert.equal(await rejectionCode(Db.open({path})), DbErrorCode.SCHEMA_NEWER);
  });
});
