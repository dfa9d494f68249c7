// hearth dev as a user runs it: a child process with 1-second slots. It must finalize, survive SIGINT
// and kill -9 with the same --dataDir, refuse a mismatched restart, and refuse bad blocks over the API.
import {strict as assert} from "node:assert";
import {mkdtempSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {finality, head} from "./nodeApi.js";
import {getJson, startNode, stopCli, waitFor, type NodeProcess} from "./runCli.js";

const PORT = 19_600 + Math.floor(Math.random() * 300);
const API = `http://127.0.0.1:${PORT}`;

function startDev(dataDir: string, genesisValidators = 64): NodeProcess {
  return startNode("dev", ["dev", "--secondsPerSlot", "1", "--genesisValidators", String(genesisValidators), "--dataDir", dataDir], PORT);
}

const headSlot = async (): Promise<number> => (await head(API)).slot;
const finalizedEpoch = async (): Promise<number> => (await finality(API)).finalized;

describe("hearth dev (e2e)", function () {
  this.timeout(240_000);
  let dataDir: string;
  let dev: NodeProcess | null = null;

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "hearth-e2e-"));
  });
  afterEach(async () => {
    if (dev) await stopCli(dev);
    dev = null;
  });
  after(() => rmSync(dataDir, {recursive: true, force: true}));

  it("finalizes, refuses bad input, and resumes after SIGINT and kill -9", async () => {
    dev = startDev(dataDir);
    await waitFor("finalized epoch >= 2", async () => (await finalizedEpoch()) >= 2, [dev], 120_000);
    // About every validator attests: the best epoch's participation is at least 90%.
    const rates = [...dev.output().matchAll(/participation=([\d.]+)%/g)].map((m) => Number(m[1]));
    assert.ok(rates.length > 0 && Math.max(...rates) >= 90, `participation ${rates.join(", ")}`);

    // Bad input is refused and the node keeps going.
    const garbage = await fetch(`${API}/eth/v2/beacon/blocks`, {method: "POST", headers: {"content-type": "application/json", "eth-consensus-version": "fulu"}, body: "{not json"});
    assert.equal(garbage.status, 400);
    const block = await getJson<{version: string; data: {message: {state_root: string}}}>(`${API}/eth/v2/beacon/blocks/head`);
    block.data.message.state_root = "0x" + "11".repeat(32);
    const bad = await fetch(`${API}/eth/v2/beacon/blocks`, {
      method: "POST",
      headers: {"content-type": "application/json", "eth-consensus-version": block.version},
      body: JSON.stringify(block.data),
    });
    assert.equal(bad.status, 400);
    const before = await headSlot();
    await waitFor("the head to keep advancing", async () => (await headSlot()) > before, [dev], 10_000);

    // SIGINT: a clean stop, then the same head after restart.
    dev.child.kill("SIGINT");
    assert.equal(await dev.exited, 0);
    const headAtStop = before;
    dev = startDev(dataDir);
    await waitFor("the API after restart", async () => (await headSlot()) >= headAtStop, [dev], 60_000);
    assert.match(dev.output(), /Resumed from the database/);
    const finalizedBefore = await finalizedEpoch();
    await waitFor("finality to advance after the restart", async () => (await finalizedEpoch()) > finalizedBefore, [dev], 90_000);

    // kill -9 in the middle of a slot: the DB must reopen and the chain keep finalizing.
    await new Promise((r) => setTimeout(r, 1500));
    dev.child.kill("SIGKILL");
    await dev.exited;
    dev = startDev(dataDir);
    await waitFor("the API after kill -9", async () => (await headSlot()) > 0, [dev], 60_000);
    const finalizedAfterKill = await finalizedEpoch();
    await waitFor("finality to advance after kill -9", async () => (await finalizedEpoch()) > finalizedAfterKill, [dev], 90_000);
  });

  it("refuses a restart with another --genesisValidators, with a clear error", async () => {
    dev = startDev(dataDir, 32);
    const code = await dev.exited;
    assert.notEqual(code, 0);
    assert.match(dev.output(), /made with genesisValidators=64, not 32/);
  });
});
