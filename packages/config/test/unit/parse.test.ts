import {strict as assert} from "node:assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {
  ChainConfigError,
  ChainConfigErrorCode,
  loadChainConfigFile,
  mainnetChainConfig,
  minimalChainConfig,
  parseChainConfig,
  toHex,
} from "../../src/index.js";

/** The keys that have no default, so every test config needs them. */
const IDENTITY = `PRESET_BASE: 'minimal'
GENESIS_FORK_VERSION: 0x00000001
MIN_GENESIS_TIME: 1578009600
DEPOSIT_CHAIN_ID: 5
DEPOSIT_NETWORK_ID: 5
DEPOSIT_CONTRACT_ADDRESS: 0x1234567890123456789012345678901234567890
`;

function expectConfigError(yaml: string, code: ChainConfigErrorCode, key: string | undefined, messagePart: string): void {
  assert.throws(
    () => parseChainConfig(yaml),
    (e: unknown) => {
      assert.ok(e instanceof ChainConfigError, `not a ChainConfigError: ${String(e)}`);
      assert.equal(e.code, code);
      assert.equal(e.key, key);
      assert.ok(e.message.includes(messagePart), `"${e.message}" does not include "${messagePart}"`);
      return true;
    },
  );
}

describe("parseChainConfig", () => {
  it("reads each kind of value exactly", () => {
    const config = parseChainConfig(`${IDENTITY}CONFIG_NAME: 'my-devnet'
ALTAIR_FORK_VERSION: 0x01000001
ALTAIR_FORK_EPOCH: 18446744073709551615
TERMINAL_TOTAL_DIFFICULTY: 115792089237316195423570985008687907853269984665640564039457584007913129638912
EJECTION_BALANCE: 16000000000
BLOB_SCHEDULE:
  - EPOCH: 10  # first
    MAX_BLOBS_PER_BLOCK: 12
`);
    assert.equal(config.CONFIG_NAME, "my-devnet");
    assert.equal(config.PRESET_BASE, "minimal");
    assert.equal(config.ALTAIR_FORK_EPOCH, Infinity);
    assert.equal(config.TERMINAL_TOTAL_DIFFICULTY, 2n ** 256n - 2n ** 10n);
    assert.equal(config.EJECTION_BALANCE, 16_000_000_000);
    assert.deepEqual(config.GENESIS_FORK_VERSION, Uint8Array.from([0, 0, 0, 1]));
    assert.equal(toHex(config.DEPOSIT_CONTRACT_ADDRESS), "0x1234567890123456789012345678901234567890");
    assert.deepEqual(config.BLOB_SCHEDULE, [{EPOCH: 10, MAX_BLOBS_PER_BLOCK: 12}]);
  });

  it("keeps keys it does not type, as written and after the typed keys", () => {
    const config = parseChainConfig(`${IDENTITY}GLOAS_FORK_VERSION: 0x07000001
GLOAS_FORK_EPOCH: 18446744073709551615
EIP7805_LIST:
  - A: 1
`);
    assert.equal(config.GLOAS_FORK_VERSION, "0x07000001");
    assert.equal(config.GLOAS_FORK_EPOCH, "18446744073709551615");
    assert.deepEqual(config.EIP7805_LIST, [{A: "1"}]);
    assert.deepEqual(Object.keys(config).slice(-3), ["GLOAS_FORK_VERSION", "GLOAS_FORK_EPOCH", "EIP7805_LIST"]);
  });

  it("fills absent keys: unscheduled forks, the preset base's values, computed retired keys", () => {
    const config = parseChainConfig(`${IDENTITY}SECONDS_PER_SLOT: 6\nMAX_BLOBS_PER_BLOCK: 3\n`);
    assert.equal(config.FULU_FORK_EPOCH, Infinity);
    assert.deepEqual(config.FULU_FORK_VERSION, minimalChainConfig.FULU_FORK_VERSION);
    assert.deepEqual(config.BLOB_SCHEDULE, []);
    assert.equal(config.CONFIG_NAME, "custom");
    assert.equal(config.SLOT_DURATION_MS, 6000);
    assert.equal(config.CHURN_LIMIT_QUOTIENT, 32);
    assert.equal(config.MIN_EPOCHS_FOR_BLOCK_REQUESTS, 256 + 16);
    assert.equal(config.MAX_REQUEST_BLOB_SIDECARS, 128 * 3);
    assert.equal(config.ATTESTATION_SUBNET_PREFIX_BITS, 6);
  });

  it("takes defaults from the mainnet config for a mainnet preset base", () => {
    const config = parseChainConfig(IDENTITY.replace("'minimal'", "mainnet"));
    assert.equal(config.CHURN_LIMIT_QUOTIENT, mainnetChainConfig.CHURN_LIMIT_QUOTIENT);
    assert.equal(config.SECONDS_PER_SLOT, 12);
  });

  describe("errors name the key", () => {
    it("a fork epoch that is not a number", () => {
      expectConfigError(`${IDENTITY}ALTAIR_FORK_EPOCH: soon\n`, ChainConfigErrorCode.INVALID_VALUE, "ALTAIR_FORK_EPOCH", 'Invalid value for ALTAIR_FORK_EPOCH: "soon"');
    });
    it("a negative number", () => {
      expectConfigError(`${IDENTITY}SHARD_COMMITTEE_PERIOD: -1\n`, ChainConfigErrorCode.INVALID_VALUE, "SHARD_COMMITTEE_PERIOD", "unsigned decimal integer");
    });
    it("a number a JS number cannot hold", () => {
      expectConfigError(`${IDENTITY}EJECTION_BALANCE: 9007199254740993\n`, ChainConfigErrorCode.INVALID_VALUE, "EJECTION_BALANCE", "2**53 - 1");
    });
    it("a number above uint64", () => {
      expectConfigError(`${IDENTITY}ELECTRA_FORK_EPOCH: 18446744073709551616\n`, ChainConfigErrorCode.INVALID_VALUE, "ELECTRA_FORK_EPOCH", "above the maximum");
    });
    it("a version of the wrong length", () => {
      expectConfigError(`${IDENTITY}ALTAIR_FORK_VERSION: 0x010000\n`, ChainConfigErrorCode.INVALID_VALUE, "ALTAIR_FORK_VERSION", "is not 4 bytes");
    });
    it("hex with a stray character", () => {
      expectConfigError(IDENTITY.replace("0x1234567890", "0x123456789g"), ChainConfigErrorCode.INVALID_VALUE, "DEPOSIT_CONTRACT_ADDRESS", "not 0x-prefixed hex");
    });
    it("a blob schedule entry", () => {
      const yaml = `${IDENTITY}BLOB_SCHEDULE:\n  - EPOCH: 1\n    MAX_BLOBS_PER_BLOCK: 9\n  - EPOCH: 2\n    MAX_BLOBS_PER_BLOCK: many\n`;
      expectConfigError(yaml, ChainConfigErrorCode.INVALID_VALUE, "BLOB_SCHEDULE[1].MAX_BLOBS_PER_BLOCK", '"many"');
    });
    it("two blob schedule entries at one epoch", () => {
      const yaml = `${IDENTITY}BLOB_SCHEDULE:\n  - EPOCH: 1\n    MAX_BLOBS_PER_BLOCK: 9\n  - EPOCH: 1\n    MAX_BLOBS_PER_BLOCK: 12\n`;
      expectConfigError(yaml, ChainConfigErrorCode.INVALID_VALUE, "BLOB_SCHEDULE", "two entries for epoch 1");
    });
    it("a missing identity key", () => {
      expectConfigError(IDENTITY.replace(/DEPOSIT_CHAIN_ID.*\n/, ""), ChainConfigErrorCode.MISSING_KEY, "DEPOSIT_CHAIN_ID", "Missing config key DEPOSIT_CHAIN_ID");
    });
    it("a scheduled fork without a version", () => {
      expectConfigError(`${IDENTITY}ALTAIR_FORK_VERSION: 0x01000001\nALTAIR_FORK_EPOCH: 0\nBELLATRIX_FORK_EPOCH: 4\n`, ChainConfigErrorCode.MISSING_KEY, "BELLATRIX_FORK_VERSION", "BELLATRIX_FORK_EPOCH schedules the fork");
    });
    it("fork epochs out of order", () => {
      const yaml = `${IDENTITY}ALTAIR_FORK_VERSION: 0x01000001\nALTAIR_FORK_EPOCH: 10\nBELLATRIX_FORK_VERSION: 0x02000001\nBELLATRIX_FORK_EPOCH: 5\n`;
      expectConfigError(yaml, ChainConfigErrorCode.INCONSISTENT, "BELLATRIX_FORK_EPOCH", "before the altair fork at epoch 10");
    });
    it("SECONDS_PER_SLOT against SLOT_DURATION_MS", () => {
      expectConfigError(`${IDENTITY}SECONDS_PER_SLOT: 12\nSLOT_DURATION_MS: 6000\n`, ChainConfigErrorCode.INCONSISTENT, "SECONDS_PER_SLOT", "contradicts SLOT_DURATION_MS 6000");
    });
    it("a CONFIG_NAME outside [a-z0-9-]", () => {
      expectConfigError(`${IDENTITY}CONFIG_NAME: My_Net\n`, ChainConfigErrorCode.INVALID_VALUE, "CONFIG_NAME", '"My_Net"');
    });
    it("a duplicated key", () => {
      expectConfigError(`${IDENTITY}GENESIS_DELAY: 1\nGENESIS_DELAY: 2\n`, ChainConfigErrorCode.INVALID_YAML, undefined, "unique");
    });
    it("a file that is not a mapping", () => {
      expectConfigError("- PRESET_BASE\n", ChainConfigErrorCode.INVALID_YAML, undefined, "not a mapping");
    });
  });
});

describe("loadChainConfigFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "hearth-config-"));

  it("reads a file", () => {
    const path = join(dir, "good.yaml");
    writeFileSync(path, `${IDENTITY}GENESIS_DELAY: 42\n`);
    assert.equal(loadChainConfigFile(path).GENESIS_DELAY, 42);
  });

  it("names the file and the key of a bad value", () => {
    const path = join(dir, "bad.yaml");
    writeFileSync(path, `${IDENTITY}GENESIS_DELAY: 1e3\n`);
    assert.throws(() => loadChainConfigFile(path), (e: unknown) => {
      assert.ok(e instanceof ChainConfigError);
      assert.equal(e.key, "GENESIS_DELAY");
      assert.equal(e.message, `${path}: Invalid value for GENESIS_DELAY: "1e3" is not an unsigned decimal integer`);
      return true;
    });
  });

  it("reports an unreadable file", () => {
    assert.throws(() => loadChainConfigFile(join(dir, "absent.yaml")), {code: ChainConfigErrorCode.READ_FAILED});
  });
});
