// The status page at / on the API port, in headless Chromium against a dev chain with one peer (a
// `hearth beacon --dev` follower): what the page shows must be what the Beacon API says. The
// screenshot is kept in reports/status-page.png. Without Chromium the test skips loudly, unless
// HEARTH_REQUIRE_CHROMIUM is set (CI sets it, after installing Debian's chromium).
import {strict as assert} from "node:assert";
import {mkdirSync, mkdtempSync, rmSync, statSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {dumpDom, findChromium, screenshot, textById} from "./chromium.js";
import {finality, head} from "./nodeApi.js";
import {getJson, REPO_ROOT, startCli, stopCli, waitFor, type CliProcess} from "./runCli.js";

const BASE = 20_400 + Math.floor(Math.random() * 400);
const VALIDATORS = 16;

describe("status page in headless Chromium (e2e)", function () {
  this.timeout(150_000);
  const procs: CliProcess[] = [];
  let dir: string;
  let chromium: string | null;

  before(function () {
    chromium = findChromium();
    if (chromium === null) {
      if (process.env.HEARTH_REQUIRE_CHROMIUM) throw new Error("HEARTH_REQUIRE_CHROMIUM is set but no chromium at /usr/bin/chromium (apt-get install -y chromium)");
      console.warn("\n!!!!!!!! SKIPPING the status page browser test: Chromium is not installed (apt-get install -y chromium). CI installs it. !!!!!!!!\n");
      this.skip();
    }
    dir = mkdtempSync(path.join(os.tmpdir(), "hearth-status-e2e-"));
  });
  after(async () => {
    for (const p of procs) await stopCli(p);
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it("shows sync, head and finality, peers, the latest blocks and the validators", async () => {
    const api = `http://127.0.0.1:${BASE}`;
    const genesisTime = Math.floor(Date.now() / 1000) + 2;
    const chain = ["--genesisValidators", String(VALIDATORS), "--genesisTime", String(genesisTime), "--secondsPerSlot", "1"];
    const p2p = (port: number): string[] => ["--listenAddress", "127.0.0.1", "--port", String(port), "--discv5", "false", "--metrics", "false"];
    const dev = startCli(["dev", ...chain, ...p2p(BASE + 1), "--dataDir", path.join(dir, "dev"), "--rest.port", String(BASE)]);
    procs.push(dev);
    await waitFor("the dev chain's API", async () => (await fetch(`${api}/eth/v1/node/identity`)).status === 200, procs, 60_000);
    const identity = await getJson<{data: {p2p_addresses: string[]}}>(`${api}/eth/v1/node/identity`);
    const follower = startCli(["beacon", "--preset", "minimal", "--dev", ...chain, "--execution.mock", "--directPeers", identity.data.p2p_addresses[0], ...p2p(BASE + 2), "--dataDir", path.join(dir, "beacon"), "--rest.port", String(BASE + 3)]);
    procs.push(follower);
    const finalized = async (): Promise<number> => (await finality(api)).finalized;
    const peers = async (): Promise<number> => Number((await getJson<{data: {connected: string}}>(`${api}/eth/v1/node/peer_count`)).data.connected);
    await waitFor("finality and a peer", async () => (await finalized()) >= 1 && (await peers()) >= 1, procs, 100_000);

    const page = await fetch(`${api}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);

    const headBefore = (await head(api)).slot;
    const finalizedBefore = await finalized();
    const dom = await dumpDom(chromium!, `${api}/?refresh=0`);
    const headAfter = (await head(api)).slot;
    const finalizedAfter = await finalized();

    assert.match(dom, /<body data-state="ok"/, `the page did not load: ${textById(dom, "error")}`);
    const headSlot = Number(textById(dom, "head-slot"));
    assert.ok(headSlot > 0 && headSlot >= headBefore && headSlot <= headAfter, `head slot ${headSlot} not in [${headBefore}, ${headAfter}]`);
    const shownFinalized = Number(textById(dom, "finalized-epoch"));
    assert.ok(shownFinalized >= 1 && shownFinalized >= finalizedBefore && shownFinalized <= finalizedAfter, `finalized ${shownFinalized}`);
    assert.equal(textById(dom, "sync-state"), "synced");
    assert.equal(Number(textById(dom, "peer-count")), 1);
    assert.equal((dom.match(/data-peer-id="16Uiu2/g) ?? []).length, 1);
    // the latest blocks: the head's first, newest first
    const slots = [...dom.matchAll(/data-slot="(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(slots.length >= 5, `blocks shown: ${slots.join(",")}`);
    assert.equal(slots[0], headSlot);
    assert.deepEqual([...slots].sort((a, b) => b - a), slots);
    // every validator of the dev chain, with how it did in the last epoch
    assert.equal(Number(textById(dom, "validator-count")), VALIDATORS);
    assert.equal((dom.match(/data-validator-index="/g) ?? []).length, VALIDATORS);
    const live = (dom.match(/data-live="true"/g) ?? []).length;
    assert.ok(live >= VALIDATORS / 2, `only ${live} of ${VALIDATORS} validators shown live`);
    assert.match(textById(dom, "validator-summary") ?? "", new RegExp(`${live} of ${VALIDATORS} were live in epoch \\d+`));

    // ?validators= narrows the list to the ones asked for
    const some = await dumpDom(chromium!, `${api}/?refresh=0&validators=1,3,5`);
    assert.deepEqual([...some.matchAll(/data-validator-index="(\d+)"/g)].map((m) => m[1]), ["1", "3", "5"]);

    const reports = path.join(REPO_ROOT, "reports");
    mkdirSync(reports, {recursive: true});
    const png = path.join(reports, "status-page.png");
    await screenshot(chromium!, `${api}/?refresh=0`, png);
    assert.ok(statSync(png).size > 10_000, "the screenshot is suspiciously small");
  });
});
