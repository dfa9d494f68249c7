// PeerDAS on three Hearth nodes over loopback (issue 9): S is `hearth dev --supernode --blobsPerBlock 6`
// (fulu from genesis, the producer, custody of all 128 columns); B and C are default nodes
// (`hearth beacon --dev`, CUSTODY_REQUIREMENT groups) with S as direct peer. B gets its columns on
// its column subnets by gossip. C joins no column subnet (the test hook --debug.skipColumnSubnets):
// it has no peer on the subnets of its columns, so it must fetch them by req/resp from S, which
// custodies all (by range while it syncs, by root once it follows gossip blocks). Every node must
// import every block, and store exactly its custody columns.
import {strict as assert} from "node:assert";
import {spawn, type ChildProcess} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {NUMBER_OF_COLUMNS} from "@hearth/params";
import {computeColumnsForCustodyGroup, getCustodyGroups, loadOrCreatePrivateKey, PEER_ID_FILE} from "@hearth/network";
import {nodeIdFromPeerId} from "@hearth/beacon-node";

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/index.js");
const BASE = 25_000 + Math.floor(Math.random() * 2000) * 3;
const BLOBS = 6;
/** CUSTODY_REQUIREMENT of the minimal config. */
const DEFAULT_CGC = 4;
/** Blocks (each with BLOBS blobs) S must have made, and every node imported with its columns, before the checks. */
const TARGET_BLOCKS = 6;

interface Proc {
  name: string;
  child: ChildProcess;
  api: string;
  output: () => string;
  exited: Promise<number | null>;
}

function start(name: string, args: string[], restPort: number): Proc {
  // HEARTH_E2E_LOG_LEVEL=debug to see the nodes' sync and column traffic when diagnosing a failure.
  const logLevel = process.env.HEARTH_E2E_LOG_LEVEL ? ["--logLevel", process.env.HEARTH_E2E_LOG_LEVEL] : [];
  const child = spawn(process.execPath, [CLI, ...args, "--rest.port", String(restPort), "--metrics", "false", ...logLevel], {
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

/** The block root at each slot 1..toSlot of p's canonical chain (null: an empty slot). */
async function canonicalRoots(p: Proc, toSlot: number): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let slot = 1; slot <= toSlot; slot++) {
    const res = await fetch(`${p.api}/eth/v1/beacon/blocks/${slot}/root`);
    out.push(res.status === 404 ? null : ((await res.json()) as {data: {root: string}}).data.root);
  }
  return out;
}

async function storedColumns(p: Proc, blockId: string): Promise<{indices: number[]; commitments: number}> {
  const body = await getJson<{data: {index: string; kzg_commitments: string[]}[]}>(p, `/eth/v1/debug/beacon/data_column_sidecars/${blockId}`);
  return {indices: body.data.map((s) => Number(s.index)).sort((a, b) => a - b), commitments: body.data[0]?.kzg_commitments.length ?? 0};
}

async function custodyOf(p: Proc, cgc: number): Promise<number[]> {
  const id = await getJson<{data: {peer_id: string; metadata: {custody_group_count: string}}}>(p, "/eth/v1/node/identity");
  assert.equal(Number(id.data.metadata.custody_group_count), cgc, `${p.name} advertises cgc ${cgc}`);
  return getCustodyGroups(nodeIdFromPeerId(id.data.peer_id), cgc)
    .flatMap(computeColumnsForCustodyGroup)
    .sort((a, b) => a - b);
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
  throw new Error(`timed out waiting for ${what}\n` + procs.map((p) => `--- ${p.name} ---\n${p.output().slice(-3000)}`).join("\n"));
}

const count = (p: Proc, re: RegExp): number => p.output().match(new RegExp(re.source, "g"))?.length ?? 0;

describe("hearth PeerDAS: a supernode and two default nodes (e2e)", function () {
  this.timeout(150_000);
  const procs: Proc[] = [];
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hearth-peerdas-e2e-"));
  });
  afterEach(function () {
    if (this.currentTest?.state !== "failed") return;
    for (const p of procs) console.log(`--- ${p.name} ---\n${p.output().slice(-4000)}`);
    if (process.env.HEARTH_E2E_LOG_DIR) for (const p of procs) writeFileSync(path.join(process.env.HEARTH_E2E_LOG_DIR, `peerdas-${p.name}.log`), p.output());
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

  it("every node imports every block and custodies its columns; a node without column subnet peers fetches them by req/resp", async () => {
    // Genesis shortly after the three processes are up. S's mock engine computes its blobs' cell
    // proofs after its node started (seconds; tens of seconds on a busy machine): until then S's
    // validator does not run and the slots stay empty, so the test counts S's blocks, not slots.
    const genesisTime = Math.floor(Date.now() / 1000) + 30;
    const chainArgs = ["--genesisValidators", "64", "--genesisTime", String(genesisTime), "--secondsPerSlot", "4"];
    const p2p = (port: number): string[] => ["--listenAddress", "127.0.0.1", "--port", String(port), "--discv5", "false"];
    // S's identity made beforehand, so that all three start at once with S as B's and C's direct peer.
    await loadOrCreatePrivateKey(path.join(dir, "s"));
    const sPeerId = (JSON.parse(readFileSync(path.join(dir, "s", PEER_ID_FILE), "utf8")) as {id: string}).id;
    const sAddr = `/ip4/127.0.0.1/tcp/${BASE}/p2p/${sPeerId}`;
    const s = start("S", ["dev", ...chainArgs, "--blobsPerBlock", String(BLOBS), "--supernode", ...p2p(BASE), "--dataDir", path.join(dir, "s")], BASE + 100);
    procs.push(s);

    const beaconArgs = ["beacon", "--preset", "minimal", "--dev", ...chainArgs, "--execution.mock", "--directPeers", sAddr];
    const b = start("B", [...beaconArgs, ...p2p(BASE + 1), "--dataDir", path.join(dir, "b")], BASE + 101);
    const c = start("C", [...beaconArgs, ...p2p(BASE + 2), "--dataDir", path.join(dir, "c"), "--debug.skipColumnSubnets"], BASE + 102);
    procs.push(b, c);

    // Custody per spec, from each node's own id and advertised cgc.
    await waitFor("the three APIs", async () => (await head(s)) !== null && (await head(b)) !== null && (await head(c)) !== null, procs, 60_000);
    const custody = {
      S: await custodyOf(s, 128),
      B: await custodyOf(b, DEFAULT_CGC),
      C: await custodyOf(c, DEFAULT_CGC),
    };
    assert.equal(custody.S.length, NUMBER_OF_COLUMNS);
    assert.equal(custody.B.length, DEFAULT_CGC);

    await waitFor(
      `${TARGET_BLOCKS} blocks of S on every node`,
      async () => {
        if (count(s, /Published block slot=/) < TARGET_BLOCKS) return false;
        const [hs, hb, hc] = await Promise.all([head(s), head(b), head(c)]);
        return hb.root === hs.root && hc.root === hs.root;
      },
      procs,
      110_000
    );

    // Every block of S's chain is on B's and C's: none is stuck waiting for its data.
    const upTo = (await head(s)).slot;
    const rootsS = await canonicalRoots(s, upTo);
    const blocks = rootsS.filter((r) => r !== null).length;
    assert.ok(blocks >= TARGET_BLOCKS - 1, `S's chain has ${blocks} blocks`);
    assert.deepEqual(await canonicalRoots(b, upTo), rootsS);
    assert.deepEqual(await canonicalRoots(c, upTo), rootsS);

    // Each node stores exactly its custody columns of every block, each with the block's 6 commitments.
    for (let slot = 1; slot <= upTo; slot++) {
      const root = rootsS[slot - 1];
      if (root === null) continue;
      for (const [p, want] of [
        [s, custody.S],
        [b, custody.B],
        [c, custody.C],
      ] as const) {
        const got = await storedColumns(p, root);
        assert.deepEqual(got.indices, want, `${p.name}'s columns of slot ${slot}`);
        assert.equal(got.commitments, BLOBS, `${p.name}'s columns of slot ${slot} carry ${BLOBS} commitments`);
      }
    }

    // C had no peer on its column subnets: each block's columns came by req/resp from S, by root once
    // C followed the head, by range while it synced (or by reconstruction, never needed with S at hand).
    const cByRoot = count(c, /Data columns fetched by root/);
    const cByRange = [...c.output().matchAll(/Batch sidecars fetched .*?blocks=(\d+) .*?columns=(\d+)/g)].filter((m) => Number(m[2]) > 0).reduce((n, m) => n + Number(m[1]), 0);
    const bByRoot = count(b, /Data columns fetched by root/);
    assert.ok(cByRoot + cByRange >= blocks, `C fetched the columns of ${cByRoot} blocks by root and ${cByRange} by range, of ${blocks}`);
    // B's came by gossip, on its subnets (at most a late one or two by root).
    assert.ok(bByRoot <= Math.floor(blocks / 4), `B fetched ${bByRoot} of ${blocks} blocks' columns by root`);
    console.log(`    ${blocks} blocks of ${BLOBS} blobs; C's columns: ${cByRoot} blocks by root, ${cByRange} by range; B by root ${bByRoot}; custody B ${custody.B.join(",")} C ${custody.C.join(",")}`);
  });
});
