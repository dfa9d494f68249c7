import {strict as assert} from "node:assert";
import {FORK_NAMES} from "@hearth/params";
import {computeForkVersion, createForkSchedule, getNetworkConfig, mainnetChainConfig, parseChainConfig, toHex} from "../../src/index.js";

describe("fork schedule", () => {
  const mainnet = createForkSchedule(mainnetChainConfig);
  const mainnetForkEpochs = [
    ["altair", 74240],
    ["bellatrix", 144896],
    ["capella", 194048],
    ["deneb", 269568],
    ["electra", 364032],
    ["fulu", 411392],
  ] as const;

  it("switches fork exactly at each mainnet fork epoch", () => {
    assert.equal(mainnet.forkAtEpoch(0), "phase0");
    let previous = "phase0";
    for (const [fork, epoch] of mainnetForkEpochs) {
      assert.equal(mainnet.forkAtEpoch(epoch - 1), previous, `epoch ${epoch - 1}`);
      assert.equal(mainnet.forkAtEpoch(epoch), fork, `epoch ${epoch}`);
      assert.equal(mainnet.forkAtEpoch(epoch + 1), fork, `epoch ${epoch + 1}`);
      assert.equal(mainnet.forkEpoch(fork), epoch);
      previous = fork;
    }
    assert.equal(mainnet.forkAtEpoch(10_000_000), "fulu");
  });

  it("gives each fork's version", () => {
    assert.deepEqual(
      FORK_NAMES.map((fork) => toHex(mainnet.forkVersion(fork))),
      ["0x00000000", "0x01000000", "0x02000000", "0x03000000", "0x04000000", "0x05000000", "0x06000000"],
    );
    assert.equal(toHex(mainnet.computeForkVersion(364031)), "0x04000000");
    assert.equal(toHex(computeForkVersion(mainnetChainConfig, 364032)), "0x05000000");
  });

  it("gives the state's Fork at an epoch", () => {
    const fork = mainnet.stateForkAtEpoch(400_000);
    assert.equal(toHex(fork.previousVersion), "0x04000000");
    assert.equal(toHex(fork.currentVersion), "0x05000000");
    assert.equal(fork.epoch, 364032);
    const genesis = mainnet.stateForkAtEpoch(5);
    assert.equal(toHex(genesis.previousVersion), "0x00000000");
    assert.equal(toHex(genesis.currentVersion), "0x00000000");
    assert.equal(genesis.epoch, 0);
  });

  it("lists only scheduled forks, in order", () => {
    assert.deepEqual(mainnet.scheduledForks.map((f) => f.name), [...FORK_NAMES]);
    assert.deepEqual(createForkSchedule(getNetworkConfig("minimal")).scheduledForks.map((f) => f.name), ["phase0"]);
    assert.equal(mainnet.nextForkAfter(364032)?.name, "fulu");
    assert.equal(mainnet.nextForkAfter(411392), null);
  });

  it("resolves forks at the same epoch to the later one", () => {
    const holesky = createForkSchedule(getNetworkConfig("holesky"));
    assert.equal(holesky.forkAtEpoch(0), "bellatrix");
    assert.equal(holesky.forkAtEpoch(255), "bellatrix");
    assert.equal(holesky.forkAtEpoch(256), "capella");
    const hoodi = createForkSchedule(getNetworkConfig("hoodi"));
    assert.equal(hoodi.forkAtEpoch(0), "deneb");
    assert.equal(toHex(hoodi.stateForkAtEpoch(0).previousVersion), "0x40000910");
    assert.equal(hoodi.forkAtEpoch(2048), "electra");
  });

  it("skips an unscheduled fork before a scheduled one, as compute_fork_version does", () => {
    // the shape of the spec tests' gossip_bls_to_execution_change__ignore_pre_capella config
    const config = parseChainConfig(`PRESET_BASE: minimal
GENESIS_FORK_VERSION: 0x00000001
MIN_GENESIS_TIME: 0
DEPOSIT_CHAIN_ID: 5
DEPOSIT_NETWORK_ID: 5
DEPOSIT_CONTRACT_ADDRESS: 0x1234567890123456789012345678901234567890
ALTAIR_FORK_EPOCH: 18446744073709551615
BELLATRIX_FORK_EPOCH: 18446744073709551615
CAPELLA_FORK_VERSION: 0x03000001
CAPELLA_FORK_EPOCH: 1
`);
    const schedule = createForkSchedule(config);
    assert.deepEqual(schedule.scheduledForks.map((f) => f.name), ["phase0", "capella"]);
    assert.equal(schedule.forkAtEpoch(0), "phase0");
    assert.equal(schedule.forkAtEpoch(1), "capella");
    assert.equal(toHex(computeForkVersion(config, 1)), "0x03000001");
  });
});
