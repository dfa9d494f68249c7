import {strict as assert} from "node:assert";
import {DbErrorCode, type Db, type NodeConfigRecord} from "../../src/index.js";
import {STORE_KINDS, rejectionCode, testRoot, openEachTest} from "./helpers.js";

for (const kind of STORE_KINDS) {
  describe(`chainInfo (${kind.name})`, () => {
    let db!: Db;
    openEachTest(kind, (opened) => (db = opened));

    it("starts empty", async () => {
      assert.equal(await db.chainInfo.headRoot.get(), null);
      assert.equal(await db.chainInfo.finalizedCheckpoint.get(), null);
      assert.equal(await db.chainInfo.nodeConfig.get(), null);
    });

    it("round-trips head, checkpoints, genesis and anchor", async () => {
      const {chainInfo} = db;
      await chainInfo.headRoot.put(testRoot(1));
      await chainInfo.justifiedCheckpoint.put({epoch: 12, root: testRoot(2)});
      await chainInfo.finalizedCheckpoint.put({epoch: 11, root: testRoot(3)});
      await chainInfo.genesis.put({genesisTime: 1_606_824_023, genesisValidatorsRoot: testRoot(4)});
      await chainInfo.anchor.put({slot: 352, blockRoot: testRoot(5), stateRoot: testRoot(6)});

      assert.deepEqual(await chainInfo.headRoot.get(), testRoot(1));
      assert.deepEqual(await chainInfo.justifiedCheckpoint.get(), {epoch: 12, root: testRoot(2)});
      assert.deepEqual(await chainInfo.finalizedCheckpoint.get(), {epoch: 11, root: testRoot(3)});
      assert.deepEqual(await chainInfo.genesis.get(), {genesisTime: 1_606_824_023, genesisValidatorsRoot: testRoot(4)});
      assert.deepEqual(await chainInfo.anchor.get(), {slot: 352, blockRoot: testRoot(5), stateRoot: testRoot(6)});

      await chainInfo.headRoot.delete();
      assert.equal(await chainInfo.headRoot.get(), null);
      assert.deepEqual(await chainInfo.justifiedCheckpoint.get(), {epoch: 12, root: testRoot(2)});
    });

    it("round-trips the node config record, keeping only known fields", async () => {
      const record: NodeConfigRecord = {configName: "dev", preset: "minimal", genesisValidatorCount: 64, genesisForkVersion: "0x00000001"};
      await db.chainInfo.nodeConfig.put({...record, extra: 1} as NodeConfigRecord);
      assert.deepEqual(await db.chainInfo.nodeConfig.get(), record);
      await db.chainInfo.nodeConfig.put({configName: "mainnet", preset: "mainnet"});
      assert.deepEqual(await db.chainInfo.nodeConfig.get(), {configName: "mainnet", preset: "mainnet"});
    });

    it("refuses a node config record that would not read back", async () => {
      const bad = [
        {configName: "dev", preset: "gnosis"},
        {configName: 5, preset: "minimal"},
        {configName: "dev", preset: "minimal", genesisValidatorCount: -1},
        {configName: "dev", preset: "minimal", genesisForkVersion: "0x01"},
      ];
      for (const record of bad) {
        assert.equal(await rejectionCode(db.chainInfo.nodeConfig.put(record as NodeConfigRecord)), DbErrorCode.INVALID_VALUE);
      }
      assert.equal(await db.chainInfo.nodeConfig.get(), null);
    });
  });
}
