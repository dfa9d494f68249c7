import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {FORK_NAMES, type ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import {Db, type ForkedSignedBeaconBlock} from "../../src/index.js";

/** A fresh directory under the OS temp dir; removed by cleanupTmpDirs. */
const made: string[] = [];
export function tmpDbDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "hearth-db-test-"));
  made.push(dir);
  return dir;
}

export function cleanupTmpDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
}

/** The stores every repository test runs on: the classic-level one on disk and the in-memory one. */
export const STORE_KINDS = [
  {name: "classic-level", open: (): Promise<Db> => Db.open({path: tmpDbDir()})},
  {name: "memory", open: (): Promise<Db> => Db.openInMemory()},
] as const;

/** Opens a fresh store of `kind` before each test of the enclosing describe, and closes and removes it after. */
export function openEachTest(kind: (typeof STORE_KINDS)[number], set: (db: Db) => void): void {
  let db: Db | undefined;
  beforeEach(async () => {
    db = await kind.open();
    set(db);
  });
  afterEach(async () => {
    // Undefined when open failed in beforeEach.
    await db?.close();
    db = undefined;
    cleanupTmpDirs();
  });
}

export const ALL_FORKS: readonly ForkName[] = FORK_NAMES;

/** A default block of `fork` made distinct by its slot and proposer. */
export function testBlock(fork: ForkName, slot: number): ForkedSignedBeaconBlock {
  const value = sszTypesFor(fork).SignedBeaconBlock.defaultValue();
  value.message.slot = slot;
  value.message.proposerIndex = slot + 7;
  return {fork, value} as ForkedSignedBeaconBlock;
}

/** The block root, as the node computes it (hash_tree_root of the BeaconBlock). */
export function blockRoot(block: ForkedSignedBeaconBlock): Uint8Array {
  return sszTypesFor(block.fork).BeaconBlock.hashTreeRoot(block.value.message as never);
}

/** A distinct 32-byte root per number. */
export function testRoot(n: number): Uint8Array {
  const root = new Uint8Array(32);
  root[0] = 0xab;
  new DataView(root.buffer).setUint32(28, n);
  return root;
}

/** The DbError code a promise rejects with (or "resolved"). */
export async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (e) {
    return (e as {code?: string}).code ?? `not a coded error: ${String(e)}`;
  }
}

/** The DbError code a function throws with (or "returned"). */
export function thrownCode(fn: () => unknown): string {
  try {
    fn();
    return "returned";
  } catch (e) {
    return (e as {code?: string}).code ?? `not a coded error: ${String(e)}`;
  }
}
