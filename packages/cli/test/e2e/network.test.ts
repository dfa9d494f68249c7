// Three Hearth nodes on loopback, as a user runs them: A is `hearth dev` (validators, p2p on
// 127.0.0.1); B is `hearth beacon --dev` with A's genesis and A as a direct peer: it range-syncs A's
// chain, then follows A's head by gossip; C starts with --checkpointSyncUrl on A's API from A's
// finalized checkpoint and follows the head too.
import {strict as assert} from "node:assert";
import {spawn, type ChildProcess} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/index.js");
const BASE = 21_000 + Math.floor(Math.random() * 2000) * 3;
const VALIDATORS = 64;
// 2-second slots: with 1-second slots A's own validator client fell behind on a busy 2-core machine
// (attestations published two slots late, participation under 10%) and A never finalized in time.
const SECONDS_PER_SLOT = 2;

interface Proc {
  name: string;
  child: ChildProcess;
  api: string;
  output: () => string;
  exited: Promise<number | null>;
}

function start(name: string, args: string[], restPort: number): Proc {
  const child = spawn(process.execPath, [CLI, ...args, "--rest.port", String(restPort), "--metrics", "false"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {...process.env, HEARTH_PRESET: undefined},
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {name, child, api: `http://127.0.0.1:${restPort}`, output: () => out, exited};
}

async function getJson<T>(p: Proc, route: string): Promise<T> {
  const res = await fetch(p.api + route);
  if (res.status !== 200) throw new Error(`${p.name} ${route}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function head(p: Proc): Promise<{slot: number; root: string}> {
  const body = await getJson<{data: {root: string; header: {message: {slot: string}}}}>(p, "/eth/v1/beacon/headers/head");
  return {slot: Number(body.data.header.message.slot), root: body.data.root};
}

async function finality(p: Proc): Promise<{finalized: number; finalizedRoot: string; justified: number}> {
  const body = await getJson<{data: {finalized: {epoch: string; root: string}; current_justified: {epoch: string}}}>(p, "/eth/v1/beacon/states/head/finality_checkpoints");
  return {finalized: Number(body.data.finalized.epoch), finalizedRoot: body.data.finalized.root, justified: Number(body.data.current_justified.epoch)};
}

async function waitFor(what: string, check: () => Promise<boolean>, procs: Proc[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}\n` + procs.map((p) => `--- ${p.name} ---\n${p.output().slice(-2500)}`).join("\n"));
}

describe("hearth network: range sync, gossip and checkpoint sync (e2e)", function () {
  // finality alone needs 4 epochs (32 slots, 64 s); the waits below add up to less than this
  this.timeout(300_000);
  const procs: Proc[] = [];
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hearth-net-e2e-"));
  });
  after(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null) {
        p.child.kill("SIGKILL");
        await p.exited;
      }
    }
    rmSync(dir, {recursive: true, force: true});
  });

  it("B range-syncs A and follows it by gossip; C checkpoint-syncs from A's API and follows", async () => {
    const genesisTime = Math.floor(Date.now() / 1000) + 2;
    const chainArgs = ["--genesisValidators", String(VALIDATORS), "--genesisTime", String(genesisTime), "--secondsPerSlot", String(SECONDS_PER_SLOT)];
    const p2p = (port: number): string[] => ["--listenAddress", "127.0.0.1", "--port", String(port), "--discv5", "false"];
    const a = start("A", ["dev", ...chainArgs, ...p2p(BASE), "--dataDir", path.join(dir, "a")], BASE + 100);
    procs.push(a);
    // A's chain finalizes before anyone joins, so B has history to range-sync and C a checkpoint.
    await waitFor("A to finalize epoch 2", async () => (await finality(a)).finalized >= 2, procs, 150_000);
    const identity = await getJson<{data: {p2p_addresses: string[]}}>(a, "/eth/v1/node/identity");
    const aAddr = identity.data.p2p_addresses[0];
    assert.match(aAddr, /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/16Uiu2/);

    const beaconArgs = ["beacon", "--preset", "minimal", "--dev", ...chainArgs, "--execution.mock", "--directPeers", aAddr];
    const b = start("B", [...beaconArgs, ...p2p(BASE + 1), "--dataDir", path.join(dir, "b")], BASE + 101);
    procs.push(b);
    const aFinalized = await finality(a);
    const c = start("C", [...beaconArgs, ...p2p(BASE + 2), "--checkpointSyncUrl", a.api, "--dataDir", path.join(dir, "c")], BASE + 102);
    procs.push(c);

    await waitFor("B to range-sync", async () => /Range sync reached its target/.test(b.output()), procs, 40_000);
    // then B follows A: the same head within a slot of A making it
    await waitFor(
      "B and A to share a head",
      async () => {
        const [ha, hb] = await Promise.all([head(a), head(b)]);
        return ha.root === hb.root;
      },
      procs,
      20_000
    );
    const [fa, fb] = await Promise.all([finality(a), finality(b)]);
    assert.equal(fb.finalizedRoot, fa.finalizedRoot);
    assert.equal(fb.finalized, fa.finalized);
    const syncing = await getJson<{data: {is_syncing: boolean}}>(b, "/eth/v1/node/syncing");
    assert.equal(syncing.data.is_syncing, false);
    const peers = await getJson<{data: {peer_id: string}[]}>(b, "/eth/v1/node/peers");
    assert.ok(peers.data.some((p) => aAddr.endsWith(p.peer_id)));

    // C started from A's finalized checkpoint (or a later one) and follows the head
    assert.match(c.output(), /Checkpoint sync: anchor fetched and checked/);
    await waitFor(
      "C to follow A's head",
      async () => {
        const [ha, hc] = await Promise.all([head(a), head(c)]);
        return ha.root === hc.root;
      },
      procs,
      30_000
    );
    assert.ok((await finality(c)).finalized >= aFinalized.finalized);
    // B's speed, for the record
    const done = /Range sync reached its target headSlot=(\d+).*blocks=(\d+) seconds=([\d.]+) blocksPerSecond=([\d.]+)/.exec(b.output());
    if (done) console.log(`    B range sync: ${done[2]} blocks in ${done[3]} s (${done[4]} blocks/s)`);
  });
});
