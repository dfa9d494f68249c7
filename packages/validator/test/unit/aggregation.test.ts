import {strict as assert} from "node:assert";
import {createHash, randomBytes} from "node:crypto";
import {
  ACTIVE_PRESET,
  DOMAIN_RANDAO,
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
  TARGET_AGGREGATORS_PER_COMMITTEE,
} from "@hearth/params";
import {computeDomain, computeSigningRoot, createBeaconConfig, getNetworkConfig, type ChainConfig} from "@hearth/config";
import {ssz} from "@hearth/types";
import {computeMessageSigningRoot, isAggregator, isSyncCommitteeAggregator, syncSubcommitteeIndex} from "../../src/index.js";

/** bytes_to_uint64(hash(signature)[0:8]) written out byte by byte, little-endian. */
function hashValue(signature: Uint8Array): bigint {
  const hash = createHash("sha256").update(signature).digest();
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(hash[i]);
  return value;
}

describe("aggregator selection", () => {
  const signatures = Array.from({length: 2000}, () => randomBytes(96));

  it("is_aggregator: selected when the hash is 0 modulo len(committee) // TARGET_AGGREGATORS_PER_COMMITTEE", () => {
    const committeeLength = 8 * TARGET_AGGREGATORS_PER_COMMITTEE + 3; // modulo 8
    let selected = 0;
    for (const sig of signatures) {
      const expected = hashValue(sig) % 8n === 0n;
      assert.equal(isAggregator(committeeLength, sig), expected);
      if (expected) selected++;
    }
    // 1 in 8 of 2000: far outside this range only if the modulo were wrong
    assert.ok(selected > 170 && selected < 340, `${selected} selected`);
  });

  it("is_aggregator: every member of a committee smaller than TARGET_AGGREGATORS_PER_COMMITTEE aggregates", () => {
    for (const sig of signatures.slice(0, 50)) {
      assert.equal(isAggregator(1, sig), true);
      assert.equal(isAggregator(TARGET_AGGREGATORS_PER_COMMITTEE * 2 - 1, sig), true);
    }
  });

  it("reads the hash little-endian: a big-endian read would pick other aggregators", () => {
    const differ = signatures.find((sig) => {
      const hash = createHash("sha256").update(sig).digest();
      return (hash.readBigUInt64LE(0) % 7n === 0n) !== (hash.readBigUInt64BE(0) % 7n === 0n);
    }) as Uint8Array;
    assert.equal(isAggregator(7 * TARGET_AGGREGATORS_PER_COMMITTEE, differ), hashValue(differ) % 7n === 0n);
  });

  it("is_sync_committee_aggregator uses SYNC_COMMITTEE_SIZE // SYNC_COMMITTEE_SUBNET_COUNT // 16, at least 1", () => {
    const modulo = BigInt(Math.max(1, Math.floor(SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT / 16)));
    assert.equal(modulo, ACTIVE_PRESET === "mainnet" ? 8n : 1n);
    for (const sig of signatures) assert.equal(isSyncCommitteeAggregator(sig), hashValue(sig) % modulo === 0n);
  });

  it("maps sync committee positions to subcommittees", () => {
    const size = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;
    assert.equal(syncSubcommitteeIndex(0), 0);
    assert.equal(syncSubcommitteeIndex(size - 1), 0);
    assert.equal(syncSubcommitteeIndex(size), 1);
    assert.equal(syncSubcommitteeIndex(SYNC_COMMITTEE_SIZE - 1), SYNC_COMMITTEE_SUBNET_COUNT - 1);
  });
});

describe("signing domains across a fork", () => {
  it("signs an epoch with the version of the fork in force at that epoch", () => {
    const chain = {...getNetworkConfig("mainnet"), ALTAIR_FORK_EPOCH: 2, BELLATRIX_FORK_EPOCH: 5} as ChainConfig;
    const gvr = new Uint8Array(32).fill(7);
    const config = createBeaconConfig(chain, gvr);
    const cases: [number, Uint8Array][] = [
      [1, chain.GENESIS_FORK_VERSION],
      [2, chain.ALTAIR_FORK_VERSION],
      [4, chain.ALTAIR_FORK_VERSION],
      [5, chain.BELLATRIX_FORK_VERSION],
    ];
    for (const [epoch, version] of cases) {
      const expected = computeSigningRoot(ssz.Epoch, epoch, computeDomain(DOMAIN_RANDAO, version, gvr));
      assert.deepEqual(computeMessageSigningRoot(config, {type: "randao", epoch}), expected, `epoch ${epoch}`);
    }
  });
});
