// The `hearth` binary's help, version, --rcConfig, logging flags and its errors, each by running it
// and reading what an operator would read, with the exit code (2: bad usage, 1: cannot run).
import {strict as assert} from "node:assert";
import {mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {runCli} from "./runCli.js";

describe("hearth cli: help, version, rcConfig and errors (e2e)", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hearth-cli-e2e-"));
  });
  after(() => rmSync(dir, {recursive: true, force: true}));

  it("--version prints the package version and the platform", async () => {
    const r = await runCli(["--version"]);
    assert.equal(r.code, 0);
    const {version} = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {version: string};
    assert.equal(r.stdout.trim(), `hearth v${version} (node ${process.version}, ${process.platform}-${process.arch})`);
  });

  it("--help lists the commands; each command's help groups its flags and shows defaults", async () => {
    const [top, beacon, validator] = await Promise.all([runCli(["--help"]), runCli(["beacon", "--help"]), runCli(["validator", "--help"])]);
    assert.equal(top.code, 0);
    for (const s of ["hearth dev", "hearth beacon", "hearth validator", "General:", "--rcConfig", "Examples:"]) assert.ok(top.stdout.includes(s), `top help lacks ${s}`);
    assert.equal(beacon.code, 0);
    for (const group of ["Node:", "API:", "Metrics:", "Logging:", "Network:", "Chain:", "Execution:"]) assert.ok(beacon.stdout.includes(group), `beacon help lacks ${group}`);
    assert.match(beacon.stdout, /--rest\.port\s+Beacon API port\s+\[number\] \[default: 9596\]/);
    assert.match(beacon.stdout, /--logFileMaxFiles .*\[default: 5\]/);
    assert.equal(validator.code, 0);
    assert.match(validator.stdout, /--beaconNodes[\s\S]*?\[default: "http:\/\/127\.0\.0\.1:9596"\]/);
  });

  it("an unknown flag exits 2 and suggests the nearest real one", async () => {
    const r = await runCli(["dev", "--restport", "9597"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /hearth dev: unknown flag --restport: did you mean --rest\.port\?/);
    assert.match(r.stderr, /See every flag with: hearth dev --help/);
    const bad = await runCli(["dev", "--logLevel", "loud"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Argument: logLevel, Given: "loud"/);
  });

  it("an unknown network, and a network whose preset is not the one running, are explained", async () => {
    const [unknown, mismatch] = await Promise.all([runCli(["beacon", "--network", "goerli"]), runCli(["beacon", "--network", "minimal"])]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown --network "goerli": one of mainnet, sepolia, holesky, hoodi/);
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.stderr, /the minimal config uses the minimal preset: start with --preset minimal/);
  });

  it("a missing or absent JWT secret is explained with how to make one", async () => {
    const absent = await runCli(["beacon", "--network", "sepolia", "--dataDir", path.join(dir, "b0")]);
    assert.equal(absent.code, 1);
    assert.match(absent.stderr, /--jwtSecret FILE is required/);
    const jwt = path.join(dir, "nope", "jwt.hex");
    const missing = await runCli(["beacon", "--network", "sepolia", "--jwtSecret", jwt, "--dataDir", path.join(dir, "b1")]);
    assert.equal(missing.code, 1);
    assert.ok(missing.stderr.includes(`--jwtSecret ${jwt}: file not found`), missing.stderr);
    assert.ok(missing.stderr.includes(`openssl rand -hex 32 > ${jwt}`), missing.stderr);
  });

  it("a validator client without keys refuses to start", async () => {
    const r = await runCli(["validator", "--dataDir", path.join(dir, "vc"), "--beaconNodes", "http://127.0.0.1:1"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no validator keys: give --keystoresDir, --externalSigner\.url, import keys, or enable --keymanager/);
  });

  it("--rcConfig supplies flags (nested or dotted), the command line wins, and its mistakes are named", async () => {
    const rc = path.join(dir, "rc.yaml");
    writeFileSync(rc, "network: goerli\nrest:\n  port: 9599\n");
    const fromFile = await runCli(["beacon", "--rcConfig", rc]);
    assert.equal(fromFile.code, 1);
    assert.match(fromFile.stderr, /unknown --network "goerli"/);
    // the command line's --network wins over the file's, so the run gets past the network check
    const overridden = await runCli(["beacon", "--rcConfig", rc, "--network", "sepolia", "--dataDir", path.join(dir, "b2")]);
    assert.equal(overridden.code, 1);
    assert.match(overridden.stderr, /--jwtSecret FILE is required/);
    // the file's preset is read before anything loads, as --preset is
    writeFileSync(rc, "preset: minimal\nnetwork: minimal\njwtSecret: /nonexistent/jwt.hex\n");
    const preset = await runCli(["beacon", "--rcConfig", rc, "--dataDir", path.join(dir, "b3")]);
    assert.equal(preset.code, 1);
    assert.match(preset.stderr, /--jwtSecret \/nonexistent\/jwt\.hex: file not found/);

    writeFileSync(rc, "restPort: 1\n");
    const typo = await runCli(["beacon", "--rcConfig", rc]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown flag --restPort \(set in --rcConfig .*rc\.yaml\): did you mean --rest\.port\?/);
    const none = await runCli(["dev", "--rcConfig", path.join(dir, "none.yaml")]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--rcConfig .*none\.yaml: no such file/);
    writeFileSync(rc, "a: [\n");
    const broken = await runCli(["dev", "--rcConfig", rc]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /--rcConfig .*rc\.yaml: not valid YAML/);
  });

  it("--logFormat json and --logFile write JSON lines to the file", async () => {
    const logFile = path.join(dir, "beacon.log");
    // an empty dataDir with no checkpoint: it logs, then stops with a clear error
    const r = await runCli(["beacon", "--preset", "minimal", "--network", "minimal", "--execution.mock", "--dataDir", path.join(dir, "b4"), "--logFormat", "json", "--logFile", logFile, "--rest.port", "0", "--metrics", "false", "--port", "0"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /holds no chain yet: start it with --checkpointSyncUrl URL or --checkpointState FILE/);
    const lines = readFileSync(logFile, "utf8").trim().split("\n");
    assert.ok(lines.length >= 1);
    const first = JSON.parse(lines[0]) as {level: number; msg: string};
    assert.equal(first.level, 30);
    assert.equal(typeof first.msg, "string");
    assert.ok(readdirSync(dir).includes("beacon.log"));
  });

  it("a port in use names the flag that sets it", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = await runCli(["dev", "--dataDir", path.join(dir, "dev"), "--rest.port", String(port), "--metrics", "false", "--p2p", "false", "--genesisValidators", "8"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`port ${port}.* is already in use .*choose another port with --rest\\.port`));
    } finally {
      server.close();
    }
  });
});
