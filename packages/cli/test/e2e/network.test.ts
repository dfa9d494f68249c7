// Three Hearth nodes on loopback, as a user runs them: A is `hearth dev` (validators, p2p on
// 127.0.0.1); B is `hearth beacon --dev` with A's genesis and A as a direct peer: it range-syncs A's
// chain, then follows A's head by gossip; C starts with --checkpointSyncUrl on A's API from A's
// finalized checkpoint and follows the head too.
import {strict as assert} from "node:assert";
import {mkdtempSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {finality, sameHead} from "./nodeApi.js";
import {getJson, startNode, stopAll, waitFor, type NodeProcess} from "./runCli.js";

const BASE = 21_000 + Math.floor(Math.random() * 2000) * 3;
const VALIDATORS = 64;
// 2-second slots: with 1-second slots A's own validator client fell behind on a busy 2-core machine
// (attestations published two slots late, participation under 10%) and A never finalized in time.
const SECONDS_PER_SLOT = 2;

describe("hearth network: range sync, gossip and checkpoint sync (e2e)", function () {
  // Finality alone needs 4 epochs (32 slots, 64 s) and a node's start-up took 20 s on a busy 2-core
  // machine; the waits below add up to less than this bound. An idle machine passes in about 90 s.
  this.timeout(400_000);
  const procs: NodeProcess[] = [];
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hearth-net-e2e-"));
  });
  after(async () => {
    await stopAll(procs);
    rmSync(dir, {recursive: true, force: true});
  });

  it("B range-syncs A and follows it by gossip; C checkpoint-syncs from A's API and follows", async () => {
    const genesisTime = Math.floor(Date.now() / 1000) + 2;
    const chainArgs = ["--genesisValidators", String(VALIDATORS), "--genesisTime", String(genesisTime), "--secondsPerSlot", String(SECONDS_PER_SLOT)];
    const p2p = (port: number): string[] => ["--listenAddress", "127.0.0.1", "--port", String(port), "--discv5", "false"];
    const a = startNode("A", ["dev", ...chainArgs, ...p2p(BASE), "--dataDir", path.join(dir, "a")], BASE + 100);
    procs.push(a);
    // A's chain finalizes before anyone joins, so B has history to range-sync and C a checkpoint.
    await waitFor("A to finalize epoch 2", async () => (await finality(a.api)).finalized >= 2, procs, 150_000);
    const identity = await getJson<{data: {p2p_addresses: string[]}}>(`${a.api}/eth/v1/node/identity`);
    const aAddr = identity.data.p2p_addresses[0];
    assert.match(aAddr, /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/16Uiu2/);

    const beaconArgs = ["beacon", "--preset", "minimal", "--dev", ...chainArgs, "--execution.mock", "--directPeers", aAddr];
    const b = startNode("B", [...beaconArgs, ...p2p(BASE + 1), "--dataDir", path.join(dir, "b")], BASE + 101);
    procs.push(b);
    const aFinalized = await finality(a.api);
    const c = startNode("C", [...beaconArgs, ...p2p(BASE + 2), "--checkpointSyncUrl", a.api, "--dataDir", path.join(dir, "c")], BASE + 102);
    procs.push(c);

    // B's budget includes its start-up
    await waitFor("B to range-sync", async () => /Range sync reached its target/.test(b.output()), procs, 90_000);
    // then B follows A: the same head within a slot of A making it
    await waitFor("B and A to share a head", () => sameHead(a.api, b.api), procs, 30_000);
    const [fa, fb] = await Promise.all([finality(a.api), finality(b.api)]);
    assert.equal(fb.finalizedRoot, fa.finalizedRoot);
    assert.equal(fb.finalized, fa.finalized);
    const syncing = await getJson<{data: {is_syncing: boolean}}>(`${b.api}/eth/v1/node/syncing`);
    assert.equal(syncing.data.is_syncing, false);
    const peers = await getJson<{data: {peer_id: string}[]}>(`${b.api}/eth/v1/node/peers`);
    assert.ok(peers.data.some((p) => aAddr.endsWith(p.peer_id)));

    // C started from A's finalized checkpoint (or a later one) and follows the head
    assert.match(c.output(), /Checkpoint sync: anchor fetched and checked/);
    await waitFor("C to follow A's head", () => sameHead(a.api, c.api), procs, 60_000);
    assert.ok((await finality(c.api)).finalized >= aFinalized.finalized);
    // B's speed, for the record
    const done = /Range sync reached its target headSlot=(\d+).*blocks=(\d+) seconds=([\d.]+) blocksPerSecond=([\d.]+)/.exec(b.output());
    if (done) console.log(`    B range sync: ${done[2]} blocks in ${done[3]} s (${done[4]} blocks/s)`);
  });
});
