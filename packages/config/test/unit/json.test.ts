import {strict as assert} from "node:assert";
import {chainConfigToJson, mainnetChainConfig} from "../../src/index.js";

describe("chainConfigToJson", () => {
  const json = chainConfigToJson(mainnetChainConfig);

  it("writes every value as a string, in the Beacon API's spellings", () => {
    assert.equal(json.ALTAIR_FORK_EPOCH, "74240");
    assert.equal(json.TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH, "18446744073709551615");
    assert.equal(json.TERMINAL_TOTAL_DIFFICULTY, "58750000000000000000000");
    assert.equal(json.GENESIS_FORK_VERSION, "0x00000000");
    assert.equal(json.DEPOSIT_CONTRACT_ADDRESS, "0x00000000219ab540356cbb839cbe05303d7705fa");
    assert.equal(json.PRESET_BASE, "mainnet");
    assert.equal(json.SECONDS_PER_SLOT, "12");
    assert.deepEqual(json.BLOB_SCHEDULE, [
      {EPOCH: "412672", MAX_BLOBS_PER_BLOCK: "15"},
      {EPOCH: "419072", MAX_BLOBS_PER_BLOCK: "21"},
    ]);
  });

  it("serves untyped keys unchanged, and nothing but strings", () => {
    assert.equal(json.GLOAS_FORK_EPOCH, "18446744073709551615");
    assert.equal(json.CONFIRMATION_BYZANTINE_THRESHOLD, "25");
    assert.deepEqual(Object.keys(json), Object.keys(mainnetChainConfig));
    for (const [key, value] of Object.entries(json)) {
      if (key !== "BLOB_SCHEDULE") assert.equal(typeof value, "string", key);
    }
  });
});
