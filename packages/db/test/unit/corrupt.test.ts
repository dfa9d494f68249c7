import {strict as assert} from "node:assert";
import {sszTypesFor} from "@hearth/types";
import {Bucket, DbError, DbErrorCode, type Db} from "../../src/index.js";
import {STORE_KINDS, blockRoot, rejectionCode, testBlock, testRoot, openEachTest} from "./helpers.js";

/** Writes bytes under a bucket key as is, bypassing the repositories' encoders. */
async function putRaw(db: Db, bucket: Bucket, key: Uint8Array, value: Uint8Array): Promise<void> {
  const batch = db.batch();
  batch.putRaw(bucket, key, value);
  await batch.commit();
}

async function corruptError(p: Promise<unknown>): Promise<DbError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DbError, `not a DbError: ${String(e)}`);
    assert.equal(e.code, DbErrorCode.CORRUPT_VALUE);
    return e;
  }
  assert.fail("expected CORRUPT_VALUE");
}

const hex = (b: Uint8Array): string => "0x" + Buffer.from(b).toString("hex");

for (const kind of STORE_KINDS) {
  describe(`corrupt values and bad keys (${kind.name})`, () => {
    let db!: Db;
    openEachTest(kind, (opened) => (db = opened));

    it("reports a truncated block with its bucket and key", async () => {
      const block = testBlock("deneb", 3);
      const root = blockRoot(block);
      const ssz = sszTypesFor("deneb").SignedBeaconBlock.serialize(block.value as never);
      await putRaw(db, Bucket.hotBlock, root, Uint8Array.of(4, ...ssz.subarray(0, ssz.length - 10)));
      const e = await corruptError(db.hotBlocks.get(root));
      assert.equal(e.detail.bucket, "hotBlock");
      assert.equal(e.detail.key, hex(root));
    });

    it("reports an unknown fork byte, from get and getBytes", async () => {
      await putRaw(db, Bucket.hotBlock, testRoot(1), Uint8Array.of(200, 1, 2, 3));
      const e = await corruptError(db.hotBlocks.get(testRoot(1)));
      assert.match(e.detail.reason ?? "", /unknown fork byte 200/);
      await corruptError(db.hotBlocks.getBytes(testRoot(1)));
    });

    it("reports an empty value and a block under the wrong fork byte", async () => {
      await putRaw(db, Bucket.hotBlock, testRoot(1), new Uint8Array(0));
      await corruptError(db.hotBlocks.get(testRoot(1)));
      // A phase0 block's bytes under the fulu byte: fulu's body has more offsets than phase0's holds.
      const ssz = sszTypesFor("phase0").SignedBeaconBlock.serialize(testBlock("phase0", 1).value as never);
      await putRaw(db, Bucket.hotBlock, testRoot(2), Uint8Array.of(6, ...ssz));
      await corruptError(db.hotBlocks.get(testRoot(2)));
    });

    it("reports a fork the bucket cannot hold (blob sidecars at capella)", async () => {
      await putRaw(db, Bucket.blobSidecars, testRoot(1), Uint8Array.of(3));
      const e = await corruptError(db.blobSidecars.get(testRoot(1)));
      assert.match(e.detail.reason ?? "", /no capella values/);
    });

    it("reports a corrupt entry inside a range read", async () => {
      await db.blockArchive.put(testRoot(1), testBlock("phase0", 1));
      await putRaw(db, Bucket.blockArchive, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 2), Uint8Array.of(0, 0xff));
      const e = await corruptError(db.blockArchive.getRange({fromSlot: 0, toSlot: 5}));
      assert.equal(e.detail.bucket, "blockArchive");
      assert.equal(e.detail.key, "0x0000000000000002");
    });

    it("reports a bad root index entry", async () => {
      await putRaw(db, Bucket.blockArchiveRootIndex, testRoot(1), Uint8Array.of(1, 2, 3));
      await corruptError(db.blockArchive.getByRoot(testRoot(1)));
    });

    it("reports corrupt states and chain info records", async () => {
      await putRaw(db, Bucket.anchorState, testRoot(1), Uint8Array.of(5, 1, 2, 3, 4));
      await corruptError(db.anchorStates.get(testRoot(1)));

      await putRaw(db, Bucket.chainInfo, Uint8Array.of(0x03), new Uint8Array(39));
      const e = await corruptError(db.chainInfo.finalizedCheckpoint.get());
      assert.match(e.detail.reason ?? "", /finalizedCheckpoint/);

      await putRaw(db, Bucket.chainInfo, Uint8Array.of(0x06), new TextEncoder().encode("{not json"));
      await corruptError(db.chainInfo.nodeConfig.get());
      await putRaw(db, Bucket.chainInfo, Uint8Array.of(0x06), new TextEncoder().encode('{"configName":"dev"}'));
      await corruptError(db.chainInfo.nodeConfig.get());
    });

    it("refuses keys out of range", async () => {
      assert.equal(await rejectionCode(db.blockArchive.get(-1)), DbErrorCode.INVALID_KEY);
      assert.equal(await rejectionCode(db.blockArchive.get(2 ** 53)), DbErrorCode.INVALID_KEY);
      assert.equal(await rejectionCode(db.hotBlocks.get(new Uint8Array(31))), DbErrorCode.INVALID_KEY);
      assert.equal(await rejectionCode(db.checkpointStates.get({epoch: 1.5, root: testRoot(1)})), DbErrorCode.INVALID_KEY);
    });

    it("refuses a block whose value does not match its fork", async () => {
      const mismatched = {fork: "fulu", value: {message: {slot: 1}}} as never;
      assert.equal(await rejectionCode(db.hotBlocks.put(testRoot(1), mismatched)), DbErrorCode.INVALID_VALUE);
      assert.equal(await db.hotBlocks.has(testRoot(1)), false);
    });
  });
}
