import {strict as assert} from "node:assert";
import {createHash} from "node:crypto";
import {phase0} from "@hearth/types";
import {
  computeForkDigest,
  createBeaconConfig,
  fromHex,
  getNetworkConfig,
  hoodiGenesisValidatorsRoot,
  mainnetChainConfig,
  mainnetGenesisValidatorsRoot,
  toHex,
} from "../../src/index.js";

describe("fork digests", () => {
  const mainnet = createBeaconConfig(mainnetChainConfig, mainnetGenesisValidatorsRoot);

  // Published mainnet digests (gossip topics /eth2/<digest>/...). Fulu's and the BPOs' are masked
  // with the blob parameters in force (EIP-7892).
  const published: [fork: string, epoch: number, digest: string][] = [
    ["phase0", 0, "0xb5303f2a"],
    ["altair", 74240, "0xafcaaba0"],
    ["bellatrix", 144896, "0x4a26c58b"],
    ["capella", 194048, "0xbba4da96"],
    ["deneb", 269568, "0x6a95a1a9"],
    ["electra", 364032, "0xad532ceb"],
    ["fulu", 411392, "0xcc2c5cdb"],
    ["fulu", 412672, "0xcb0d1acc"],
    ["fulu", 419072, "0x8c9f62fe"],
  ];

  it("computes the published mainnet digest of each fork and blob-parameter fork", () => {
    for (const [fork, epoch, digest] of published) {
      assert.equal(toHex(computeForkDigest(mainnetChainConfig, mainnetGenesisValidatorsRoot, epoch)), digest, `${fork} at ${epoch}`);
      assert.equal(toHex(mainnet.forkDigestAtEpoch(epoch)), digest, `forkDigestAtEpoch(${epoch})`);
    }
    assert.deepEqual(
      mainnet.forkDigestBoundaries.map((b) => [b.fork, b.epoch, toHex(b.digest)]),
      published,
    );
  });

  it("derives the fulu digest as the spec writes it: fork data root XOR sha256(epoch ++ max blobs)", () => {
    const base = phase0.ForkData.hashTreeRoot({currentVersion: fromHex("0x06000000"), genesisValidatorsRoot: mainnetGenesisValidatorsRoot});
    assert.equal(toHex(base.subarray(0, 4)), "0x82fae541");
    // at the fulu epoch no BLOB_SCHEDULE entry has started: get_blob_parameters gives electra's (364032, 9)
    const blobParams = Buffer.alloc(16);
    blobParams.writeBigUInt64LE(364032n, 0);
    blobParams.writeBigUInt64LE(9n, 8);
    const mask = createHash("sha256").update(blobParams).digest();
    const expected = Uint8Array.from([0, 1, 2, 3].map((i) => base[i] ^ mask[i]));
    assert.deepEqual(mainnet.forkDigestAtEpoch(411392), expected);
  });

  it("keeps a digest until the next boundary", () => {
    assert.equal(toHex(mainnet.forkDigestAtEpoch(364031)), "0x6a95a1a9");
    assert.equal(toHex(mainnet.forkDigestAtEpoch(412671)), "0xcc2c5cdb");
    assert.equal(toHex(mainnet.forkDigestAtEpoch(419071)), "0xcb0d1acc");
    for (const epoch of [1, 74239, 200_000, 411_391, 415_000, 500_000]) {
      assert.deepEqual(mainnet.forkDigestAtEpoch(epoch), computeForkDigest(mainnetChainConfig, mainnetGenesisValidatorsRoot, epoch), `epoch ${epoch}`);
    }
  });

  it("finds the fork of a digest", () => {
    assert.deepEqual(mainnet.forkBoundaryOfDigest(fromHex("0xcb0d1acc"))?.epoch, 412672);
    assert.equal(mainnet.forkBoundaryOfDigest(fromHex("0xbba4da96"))?.fork, "capella");
    assert.equal(mainnet.forkBoundaryOfDigest(fromHex("0x00000000")), null);
  });

  it("computes hoodi's current digest", () => {
    const hoodi = createBeaconConfig(getNetworkConfig("hoodi"), hoodiGenesisValidatorsRoot);
    assert.equal(toHex(hoodi.forkDigestAtEpoch(60_000)), "0xc6ecb76c");
  });
});
