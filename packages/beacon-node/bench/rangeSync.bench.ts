// npm run bench (packages/beacon-node): range-sync speed between two real Hearth nodes on 127.0.0.1.
// A chain of HEARTH_BENCH_SLOTS slots (default 2048, a block in every slot, full attestation and
// sync-committee participation; built once and cached under HEARTH_BENCH_DIR, default
// <tmpdir>/hearth-bench-rangesync-<slots>) is served by a node in a child process (its DB, its
// Network, its req/resp handlers); a fresh node in this process, with the server as its static peer,
// range-syncs it through the real Network and import pipeline. One JSON line: blocks, slots, wall
// time, blocks/s and slots/s, from the syncing node's start to its head reaching the served head.
// Profile the syncing node with `node --cpu-prof lib/bench/rangeSync.bench.js` (the server is
// another process). HEARTH_BENCH_IMPORT=block imports block by block (chain.processBlock, the path
// before chain segments) for comparison.
import os from "node:os";
import path from "node:path";
import {spawn, type ChildProcess} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {createInterface} from "node:readline";
import {BeaconChain, ChainEvent} from "../src/chain/index.js";
import {loadOrBuildChain} from "./rangeSync/chainFixture.js";
import {startServerNode, startSyncingNode} from "./rangeSync/nodes.js";

const SELF = fileURLToPath(import.meta.url);
const SLOTS = Number(process.env.HEARTH_BENCH_SLOTS ?? 2048);
const DIR = process.env.HEARTH_BENCH_DIR ?? path.join(os.tmpdir(), `hearth-bench-rangesync-${SLOTS}`);
const TIMEOUT_MS = Number(process.env.HEARTH_BENCH_TIMEOUT_MS ?? 15 * 60_000);
const IMPORT_MODE = process.env.HEARTH_BENCH_IMPORT === "block" ? "block" : "segment";
const log = (msg: string): void => void process.stderr.write(`[rangeSync.bench] ${msg}\n`);

/** The child: serves the cached chain and prints its multiaddr; stops when stdin closes. */
async function serve(): Promise<void> {
  const fixture = await loadOrBuildChain(DIR, SLOTS, log);
  const node = await startServerNode(fixture);
  const addr = node.network!.network.localMultiaddrs().find((ma) => ma.toString().includes("127.0.0.1"));
  if (addr === undefined) throw new Error("the server node listens on no 127.0.0.1 address");
  const full = addr.toString().includes("/p2p/") ? addr.toString() : `${addr.toString()}/p2p/${node.network!.network.peerId.toString()}`;
  process.stdout.write(JSON.stringify({multiaddr: full, headSlot: node.chain.head.node.slot}) + "\n");
  process.stdin.resume();
  await new Promise<void>((resolve) => process.stdin.on("close", resolve).on("end", resolve));
  await node.close();
}

function startServerProcess(): Promise<{child: ChildProcess; multiaddr: string; headSlot: number}> {
  // no --cpu-prof for the server: the profile is the syncing node's
  const child = spawn(process.execPath, [SELF, "serve"], {env: process.env, stdio: ["pipe", "pipe", "inherit"]});
  return new Promise((resolve, reject) => {
    const lines = createInterface({input: child.stdout!});
    lines.once("line", (line) => {
      const {multiaddr, headSlot} = JSON.parse(line) as {multiaddr: string; headSlot: number};
      resolve({child, multiaddr, headSlot});
    });
    child.once("exit", (code) => reject(new Error(`the server process exited with ${code}`)));
  });
}

/** The per-block import range sync did before chain segments: processBlock for each block, a head update each. */
function importBlockByBlock(): void {
  BeaconChain.prototype.processChainSegment = async function (this: BeaconChain, blocks) {
    let imported = 0;
    for (const block of blocks) {
      await this.processBlock(block, {source: "sync"});
      imported++;
    }
    return {imported};
  };
}

async function main(): Promise<void> {
  if (IMPORT_MODE === "block") importBlockByBlock();
  // Built here (not in the child) so that its progress shows and a failure stops the bench early.
  const fixture = await loadOrBuildChain(DIR, SLOTS, log);
  const server = await startServerProcess();
  if (server.headSlot !== fixture.slots) log(`warning: the server's head is at slot ${server.headSlot}, the fixture has ${fixture.slots}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hearth-bench-syncer-"));
  let exitCode = 0;
  try {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const node = await startSyncingNode(fixture, dataDir, server.multiaddr);
    let blocks = 0;
    let firstBlockMs: number | null = null;
    node.chain.emitter.on(ChainEvent.block, () => {
      blocks++;
      firstBlockMs ??= performance.now();
    });
    const synced = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (node.chain.head.node.blockRoot === fixture.headRoot) {
          clearInterval(timer);
          resolve(true);
        } else if (performance.now() - started > TIMEOUT_MS) {
          clearInterval(timer);
          resolve(false);
        }
      }, 10);
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const importMs = performance.now() - (firstBlockMs ?? started);
    const head = node.chain.head.node;
    await node.close();
    const round = (x: number): number => Math.round(x * 10) / 10;
    console.log(
      JSON.stringify({
        name: "range_sync",
        import: IMPORT_MODE,
        synced,
        blocks,
        slots: head.slot,
        wall_s: round(wallMs / 1000),
        blocks_per_s: round((blocks * 1000) / wallMs),
        slots_per_s: round((head.slot * 1000) / wallMs),
        // from the first imported block: without the node's start-up and the peer handshake
        import_blocks_per_s: round((blocks * 1000) / importMs),
        // the syncing process's CPU (main thread and BLS workers): less sensitive to a busy machine than wall time
        cpu_s: round((cpu.user + cpu.system) / 1e6),
        load_avg_1m: round(os.loadavg()[0]),
        finalized_epoch: node.chain.forkChoice.finalizedCheckpoint.epoch,
        validators: 64,
        preset: "minimal",
      })
    );
    if (!synced) exitCode = 1;
  } finally {
    server.child.stdin!.end();
    await new Promise((resolve) => {
      const kill = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
      server.child.once("exit", () => resolve(clearTimeout(kill)));
    });
    rmSync(dataDir, {recursive: true, force: true});
  }
  process.exit(exitCode);
}

if (process.env.HEARTH_PRESET !== "minimal") {
  // The preset sizes the SSZ types when they are imported: run again with the minimal preset.
  const child = spawn(process.execPath, [...process.execArgv, SELF, ...process.argv.slice(2)], {env: {...process.env, HEARTH_PRESET: "minimal"}, stdio: "inherit"});
  child.on("exit", (code) => process.exit(code ?? 1));
} else if (process.argv[2] === "serve") {
  serve().catch((e) => {
    log(`server failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  });
}
