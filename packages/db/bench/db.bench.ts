/**
 * Store throughput on classic-level in a temp directory. One JSON line per case:
 * {"name", "ms" (per op), "ops_per_s"}. Run: node lib/bench/db.bench.js
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {sszTypesFor} from "@hearth/types";
import {Db, type ForkedBeaconState, type ForkedSignedBeaconBlock} from "../src/index.js";

function root(n: number): Uint8Array {
  const r = new Uint8Array(32);
  new DataView(r.buffer).setUint32(28, n);
  return r;
}

function block(slot: number): ForkedSignedBeaconBlock {
  const value = sszTypesFor("electra").SignedBeaconBlock.defaultValue();
  value.message.slot = slot;
  return {fork: "electra", value};
}

async function bench(name: string, ops: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < ops; i++) await fn(i);
  const ms = (performance.now() - start) / ops;
  console.log(JSON.stringify({name, ms: Number(ms.toFixed(4)), ops_per_s: Math.round(1000 / ms)}));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-db-bench-"));
  const db = await Db.open({path: dir});
  try {
    await bench("hotBlocks.put electra", 2000, (i) => db.hotBlocks.put(root(i), block(i)));
    await bench("hotBlocks.get electra", 2000, (i) => db.hotBlocks.get(root(i)));
    await bench("batch commit 32 archived blocks", 100, async (i) => {
      const batch = db.batch();
      for (let j = 0; j < 32; j++) db.blockArchive.batchPut(batch, root(1e6 + i * 32 + j), block(i * 32 + j));
      await batch.commit();
    });
    await bench("blockArchive.getRange 64 blocks", 50, (i) => db.blockArchive.getRange({fromSlot: i * 64, limit: 64}));
    await bench("blockArchive.getRangeBytes 64 blocks", 50, (i) => db.blockArchive.getRangeBytes({fromSlot: i * 64, limit: 64}));

    const state = {fork: "fulu", value: sszTypesFor("fulu").BeaconState.defaultViewDU()} as ForkedBeaconState;
    await bench("checkpointStates.put default mainnet fulu state", 5, (i) => db.checkpointStates.put({epoch: i, root: root(i)}, state));
    await bench("checkpointStates.get default mainnet fulu state", 5, (i) => db.checkpointStates.get({epoch: i, root: root(i)}));
  } finally {
    await db.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

await main();
