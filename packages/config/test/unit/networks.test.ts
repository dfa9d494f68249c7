import {strict as assert} from "node:assert";
import {existsSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parse} from "yaml";
import {
  NETWORK_NAMES,
  chainConfigFromJson,
  chainConfigToJson,
  getNetworkConfig,
  getNetworkGenesisValidatorsRoot,
  loadChainConfigFile,
  mainnetChainConfig,
  toHex,
} from "../../src/index.js";

// This file runs from packages/config/lib/test/unit; the repo root is five levels up, and the shared
// reference material sits beside it.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../..");
const sharedDir = process.env.HEARTH_SHARED_DIR ?? resolve(repoRoot, "../shared");
const sharedMainnetConfig = resolve(sharedDir, "networks/mainnet/config.yaml");

describe("built-in networks", () => {
  it("parsing the shared mainnet config.yaml gives the built-in value of every key it has", function () {
    if (!existsSync(sharedMainnetConfig)) this.skip();
    const keysInFile = Object.keys(parse(readFileSync(sharedMainnetConfig, "utf8"), {schema: "failsafe"}) as object);
    const parsed = loadChainConfigFile(sharedMainnetConfig);
    for (const key of keysInFile) {
      assert.deepStrictEqual(parsed[key], mainnetChainConfig[key], `${key} differs`);
    }
    assert.equal(keysInFile.length, 60);
    // the keys that file predates are filled in, not taken from mainnet's later schedule
    assert.equal(parsed.FULU_FORK_EPOCH, Infinity);
    assert.equal(parsed.SLOT_DURATION_MS, 12_000);
    assert.equal(parsed.MAX_BLOBS_PER_BLOCK, 6);
  });

  it("knows each network by its CONFIG_NAME", () => {
    assert.deepEqual([...NETWORK_NAMES], ["mainnet", "sepolia", "holesky", "hoodi", "minimal"]);
    for (const name of NETWORK_NAMES) assert.equal(getNetworkConfig(name).CONFIG_NAME, name);
    assert.throws(() => getNetworkConfig("goerli"), /Unknown network "goerli"/);
  });

  it("has the published identity of each testnet", () => {
    const sepolia = getNetworkConfig("sepolia");
    assert.equal(sepolia.DEPOSIT_CHAIN_ID, 11_155_111);
    assert.equal(toHex(sepolia.GENESIS_FORK_VERSION), "0x90000069");
    assert.equal(toHex(sepolia.FULU_FORK_VERSION), "0x90000075");
    assert.equal(sepolia.FULU_FORK_EPOCH, 272_640);
    assert.equal(toHex(sepolia.DEPOSIT_CONTRACT_ADDRESS), "0x7f02c3e3c98b133055b8b348b2ac625669ed295d");
    assert.deepEqual(sepolia.BLOB_SCHEDULE, [
      {EPOCH: 274_176, MAX_BLOBS_PER_BLOCK: 15},
      {EPOCH: 275_712, MAX_BLOBS_PER_BLOCK: 21},
    ]);

    const holesky = getNetworkConfig("holesky");
    assert.equal(holesky.DEPOSIT_CHAIN_ID, 17_000);
    assert.equal(toHex(holesky.GENESIS_FORK_VERSION), "0x01017000");
    assert.equal(holesky.ELECTRA_FORK_EPOCH, 115_968);
    assert.equal(holesky.FULU_FORK_EPOCH, 165_120);
    assert.equal(holesky.EJECTION_BALANCE, 28_000_000_000);

    const hoodi = getNetworkConfig("hoodi");
    assert.equal(hoodi.DEPOSIT_CHAIN_ID, 560_048);
    assert.equal(toHex(hoodi.GENESIS_FORK_VERSION), "0x10000910");
    assert.equal(hoodi.ELECTRA_FORK_EPOCH, 2048);
    assert.equal(hoodi.FULU_FORK_EPOCH, 50_688);
    assert.equal(hoodi.SECONDS_PER_ETH1_BLOCK, 12);
  });

  it("has the genesis validators root of each live network", () => {
    assert.equal(toHex(getNetworkGenesisValidatorsRoot("mainnet")!), "0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95");
    assert.equal(toHex(getNetworkGenesisValidatorsRoot("hoodi")!), "0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f");
    assert.equal(getNetworkGenesisValidatorsRoot("minimal"), null);
  });

  it("keeps the spec's later-fork keys of mainnet and minimal as written", () => {
    assert.equal(mainnetChainConfig.GLOAS_FORK_VERSION, "0x07000000");
    assert.equal(getNetworkConfig("minimal").GLOAS_FORK_VERSION, "0x07000001");
  });

  it("round-trips every network through the Beacon API's JSON form", () => {
    for (const name of NETWORK_NAMES) {
      const config = getNetworkConfig(name);
      assert.deepStrictEqual(chainConfigFromJson(chainConfigToJson(config)), config, name);
    }
  });
});
