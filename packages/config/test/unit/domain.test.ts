import {strict as assert} from "node:assert";
import {createHash} from "node:crypto";
import {DOMAIN_BEACON_ATTESTER, DOMAIN_BEACON_PROPOSER, DOMAIN_DEPOSIT, DOMAIN_VOLUNTARY_EXIT} from "@hearth/params";
import {ssz} from "@hearth/types";
import {
  computeDomain,
  computeForkDataRoot,
  computeSigningRoot,
  createBeaconConfig,
  mainnetChainConfig,
  mainnetGenesisValidatorsRoot,
  toHex,
} from "../../src/index.js";

describe("domains", () => {
  const genesisVersion = mainnetChainConfig.GENESIS_FORK_VERSION;

  it("computes the mainnet genesis fork data root", () => {
    assert.equal(
      toHex(computeForkDataRoot(genesisVersion, mainnetGenesisValidatorsRoot)),
      "0xb5303f2ad2010d699a76c8e62350947421a3e4a979779642cfdb0f6668986b25",
    );
  });

  it("puts the domain type before the first 28 bytes of the fork data root", () => {
    const domain = computeDomain(DOMAIN_BEACON_PROPOSER, genesisVersion, mainnetGenesisValidatorsRoot);
    assert.equal(toHex(domain), "0x00000000b5303f2ad2010d699a76c8e62350947421a3e4a979779642cfdb0f66");
    const attester = computeDomain(DOMAIN_BEACON_ATTESTER, genesisVersion, mainnetGenesisValidatorsRoot);
    assert.equal(toHex(attester), "0x01000000b5303f2ad2010d699a76c8e62350947421a3e4a979779642cfdb0f66");
  });

  it("defaults the root to zero, as deposits use it", () => {
    // the mainnet deposit domain that deposit tooling signs with
    assert.equal(
      toHex(computeDomain(DOMAIN_DEPOSIT, genesisVersion)),
      "0x03000000f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a9",
    );
  });

  it("computes a signing root as hash_tree_root(SigningData(object root, domain))", () => {
    const domain = computeDomain(DOMAIN_BEACON_PROPOSER, genesisVersion, mainnetGenesisValidatorsRoot);
    const objectRoot = Buffer.alloc(32);
    objectRoot.writeBigUInt64LE(123456n, 0); // hash_tree_root of a uint64 is its 32-byte little-endian padding
    // a container of two 32-byte fields hashes to sha256 of their concatenation
    const expected = createHash("sha256").update(objectRoot).update(domain).digest();
    assert.deepEqual(computeSigningRoot(ssz.Epoch, 123456, domain), Uint8Array.from(expected));
  });

  describe("getDomain on a beacon config", () => {
    const config = createBeaconConfig(mainnetChainConfig, mainnetGenesisValidatorsRoot);

    it("signs with the fork version in force at the message epoch", () => {
      assert.equal(toHex(config.getDomain(DOMAIN_BEACON_PROPOSER, 0).subarray(4, 8)), "0xb5303f2a");
      assert.equal(toHex(config.getDomain(DOMAIN_BEACON_PROPOSER, 364032).subarray(4, 8)), "0xad532ceb");
      assert.deepEqual(
        config.getDomain(DOMAIN_BEACON_ATTESTER, 200_000),
        computeDomain(DOMAIN_BEACON_ATTESTER, mainnetChainConfig.CAPELLA_FORK_VERSION, mainnetGenesisValidatorsRoot),
      );
    });

    it("computes a domain once per (domain type, fork)", () => {
      const first = config.getDomain(DOMAIN_BEACON_ATTESTER, 194048);
      assert.equal(config.getDomain(DOMAIN_BEACON_ATTESTER, 269567), first);
      assert.equal(config.getDomainAtFork(DOMAIN_BEACON_ATTESTER, "capella"), first);
      assert.notEqual(config.getDomain(DOMAIN_BEACON_ATTESTER, 269568), first);
    });

    it("follows get_domain for a state's Fork", () => {
      const stateFork = config.stateForkAtEpoch(364032);
      assert.deepEqual(config.getDomainForStateFork(stateFork, DOMAIN_VOLUNTARY_EXIT, 364031), config.getDomainAtFork(DOMAIN_VOLUNTARY_EXIT, "deneb"));
      // two forks back, get_domain still uses the state's previous version
      assert.deepEqual(config.getDomainForStateFork(stateFork, DOMAIN_VOLUNTARY_EXIT, 10), config.getDomainAtFork(DOMAIN_VOLUNTARY_EXIT, "deneb"));
      assert.deepEqual(config.getDomainForStateFork(stateFork, DOMAIN_VOLUNTARY_EXIT, 364032), config.getDomainAtFork(DOMAIN_VOLUNTARY_EXIT, "electra"));
    });
  });
});
