import {strict as assert} from "node:assert";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {loadRcConfig, rcConfigPathFromArgv} from "../../src/rcConfig.js";
import {explainRuntimeError, explainUsageError, suggestFlag} from "../../src/explainError.js";

describe("--rcConfig files", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), "hearth-rc-"))));
  after(() => rmSync(dir, {recursive: true, force: true}));

  it("flattens nested mappings into dotted flag names and keeps lists", () => {
    const file = path.join(dir, "rc.yaml");
    writeFileSync(file, "network: sepolia\nrest:\n  port: 9597\n  address: 0.0.0.0\nmetrics.port: 8009\nbootnodes: [enr:-a, enr:-b]\n");
    assert.deepEqual(loadRcConfig(file), {network: "sepolia", "rest.port": 9597, "rest.address": "0.0.0.0", "metrics.port": 8009, bootnodes: ["enr:-a", "enr:-b"]});
  });

  it("names the file and the problem", () => {
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, "- a\n- b\n");
    assert.throws(() => loadRcConfig(file), /--rcConfig .*bad\.yaml: must be a mapping/);
    writeFileSync(file, "rest:\n  port: ~\n");
    assert.throws(() => loadRcConfig(file), /rest\.port: a flag takes a string, number, boolean or a list of them, not null/);
    assert.throws(() => loadRcConfig(path.join(dir, "missing.yaml")), /missing\.yaml: no such file/);
    writeFileSync(file, "");
    assert.deepEqual(loadRcConfig(file), {});
  });

  it("finds --rcConfig in a raw argument list", () => {
    assert.equal(rcConfigPathFromArgv(["dev", "--rcConfig", "a.yaml"]), "a.yaml");
    assert.equal(rcConfigPathFromArgv(["dev", "--rcConfig=b.yaml"]), "b.yaml");
    assert.equal(rcConfigPathFromArgv(["dev"]), undefined);
  });
});

describe("CLI error messages", () => {
  const known = ["rest.port", "rest.address", "metrics.port", "logLevel", "dataDir"];
  it("suggests the nearest flag for a typo, and none for a stranger", () => {
    assert.equal(suggestFlag("restport", known), "rest.port");
    assert.equal(suggestFlag("loglevel", known), "logLevel");
    assert.equal(suggestFlag("datadir", known), "dataDir");
    assert.equal(suggestFlag("frobnicate", known), null);
    assert.equal(explainUsageError("Unknown arguments: restport, frobnicate", known, new Set(["restport"]), "rc.yaml"), "unknown flag --restport (set in --rcConfig rc.yaml): did you mean --rest.port?\nunknown flag --frobnicate");
  });

  it("names the flag behind a port in use", () => {
    const err = Object.assign(new Error("listen EADDRINUSE: address already in use 127.0.0.1:9596"), {code: "EADDRINUSE", port: 9596, address: "127.0.0.1"});
    assert.equal(explainRuntimeError(err, {"rest.port": 9596, "metrics.port": 8008}), "port 9596 on 127.0.0.1 is already in use (another hearth, or another program): stop it, or choose another port with --rest.port");
    assert.equal(explainRuntimeError(new Error("plain"), null), "plain");
  });
});
