import {strict as assert} from "node:assert";
import {createBeaconConfig, getBlobParameters, getMaxBlobsPerBlock, mainnetChainConfig, mainnetGenesisValidatorsRoot} from "../../src/index.js";
import type {ChainConfig} from "../../src/index.js";

describe("blob parameters", () => {
  it("gives mainnet's blob limit before, at and after each fork and BLOB_SCHEDULE entry", () => {
    const cases: [epoch: number, max: number][] = [
      [269567, 0], // capella: no blobs
      [269568, 6], // deneb
      [364031, 6],
      [364032, 9], // electra
      [411392, 9], // fulu, before the first BLOB_SCHEDULE entry: electra's
      [412671, 9],
      [412672, 15], // BPO1
      [419071, 15],
      [419072, 21], // BPO2
      [10_000_000, 21],
    ];
    const config = createBeaconConfig(mainnetChainConfig, mainnetGenesisValidatorsRoot);
    for (const [epoch, max] of cases) {
      assert.equal(getMaxBlobsPerBlock(mainnetChainConfig, epoch), max, `epoch ${epoch}`);
      assert.equal(config.getMaxBlobsPerBlock(epoch), max, `epoch ${epoch}`);
    }
  });

  it("follows get_blob_parameters: electra's values until the first entry", () => {
    assert.deepEqual(getBlobParameters(mainnetChainConfig, 411392), {epoch: 364032, maxBlobsPerBlock: 9});
    assert.deepEqual(getBlobParameters(mainnetChainConfig, 412672), {epoch: 412672, maxBlobsPerBlock: 15});
    assert.deepEqual(getBlobParameters(mainnetChainConfig, 500_000), {epoch: 419072, maxBlobsPerBlock: 21});
  });

  it("does not depend on the order of BLOB_SCHEDULE", () => {
    const reversed: ChainConfig = {...mainnetChainConfig, BLOB_SCHEDULE: [...mainnetChainConfig.BLOB_SCHEDULE].reverse()};
    assert.deepEqual(getBlobParameters(reversed, 415_000), {epoch: 412672, maxBlobsPerBlock: 15});
    assert.equal(getMaxBlobsPerBlock(reversed, 419072), 21);
  });
});
