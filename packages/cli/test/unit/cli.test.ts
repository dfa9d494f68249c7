import {strict as assert} from "node:assert";
import os from "node:os";
import path from "node:path";
import {mkdtempSync, rmSync} from "node:fs";
import {presetFromArgv} from "../../src/preset.js";
import {parseForkEpochs} from "../../src/cmds/dev.js";
import {loadDevSettings, type DevSettings} from "../../src/devSettings.js";

describe("hearth cli", () => {
  it("settles the preset from the arguments before anything loads", () => {
    assert.equal(presetFromArgv(["dev"], undefined), "minimal");
    assert.equal(presetFromArgv(["dev", "--preset", "mainnet"], undefined), "mainnet");
    assert.equal(presetFromArgv(["dev", "--preset=mainnet"], "minimal"), "mainnet");
    assert.equal(presetFromArgv(["beacon"], undefined), "mainnet");
    assert.equal(presetFromArgv(["beacon"], "minimal"), "minimal");
  });

  it("parses --forkEpochs and names the bad part", () => {
    assert.deepEqual(parseForkEpochs("electra=2, fulu=4"), {electra: 2, fulu: 4});
    assert.deepEqual(parseForkEpochs(undefined), {});
    assert.throws(() => parseForkEpochs("glamsterdam=1"), /unknown fork "glamsterdam"/);
    assert.throws(() => parseForkEpochs("fulu=x"), /fulu needs a whole epoch number/);
  });

  it("keeps a dev chain's settings and refuses a restart that asks for another chain", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hearth-dev-"));
    try {
      const first: DevSettings = {preset: "minimal", genesisValidators: 64, forkEpochs: {}, secondsPerSlot: 2, genesisTime: 1000};
      assert.deepEqual(loadDevSettings(dir, first), first);
      // A restart keeps the stored genesis time, whatever "now" is.
      assert.equal(loadDevSettings(dir, {...first, genesisTime: 5000}).genesisTime, 1000);
      assert.throws(() => loadDevSettings(dir, {...first, genesisValidators: 32}), /made with genesisValidators=64, not 32/);
      assert.throws(() => loadDevSettings(dir, {...first, forkEpochs: {fulu: 3}}), /another fork schedule/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe("hearth beacon", () => {
  it("takes the chain config from --network or --paramsFile and checks the preset", async () => {
    const {chainConfigFromArgs} = await import("../../src/cmds/beacon.js");
    // mocha runs the mainnet preset
    assert.equal(chainConfigFromArgs({network: "sepolia"}).CONFIG_NAME, "sepolia");
    assert.throws(() => chainConfigFromArgs({network: "goerli"}), /unknown --network "goerli"/);
    assert.throws(() => chainConfigFromArgs({network: "minimal"}), /start with --preset minimal/);
    assert.throws(() => chainConfigFromArgs({network: "mainnet", paramsFile: "x.yaml"}), /either --network or --paramsFile/);
  });
});
