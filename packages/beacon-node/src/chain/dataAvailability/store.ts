// Where a node keeps the sidecars of imported blocks: the DB's sidecar repositories in a node, a map
// in tests and in a chain built without a DB. Both prune by slot.
import {isForkAtLeast, type ForkName} from "@hearth/params";
import type {deneb, fulu} from "@hearth/types";
import {toHex} from "@hearth/config";
import type {Db, ForkedBlobSidecars, ForkedDataColumnSidecar} from "@hearth/db";

export interface SidecarStore {
  putBlobSidecars(fork: ForkName, blockRoot: Uint8Array, sidecars: deneb.BlobSidecar[]): Promise<void>;
  getBlobSidecars(blockRoot: Uint8Array): Promise<deneb.BlobSidecar[] | null>;
  putDataColumnSidecars(fork: ForkName, blockRoot: Uint8Array, sidecars: fulu.DataColumnSidecar[]): Promise<void>;
  /** The stored columns of a block, in index order; only `indices` when given. */
  getDataColumnSidecars(blockRoot: Uint8Array, indices?: readonly number[]): Promise<fulu.DataColumnSidecar[]>;
  getDataColumnIndices(blockRoot: Uint8Array): Promise<number[]>;
  /** Deletes every sidecar of blocks before `slot`; returns how many blocks' blob lists and how many columns went. */
  pruneBelowSlot(blobSlot: number, columnSlot: number): Promise<{blobBlocks: number; columns: number}>;
}

export class DbSidecarStore implements SidecarStore {
  constructor(private readonly db: Db) {}

  async putBlobSidecars(fork: ForkName, blockRoot: Uint8Array, sidecars: deneb.BlobSidecar[]): Promise<void> {
    await this.db.blobSidecars.put(blockRoot, {fork, value: sidecars} as ForkedBlobSidecars);
  }

  async getBlobSidecars(blockRoot: Uint8Array): Promise<deneb.BlobSidecar[] | null> {
    return (await this.db.blobSidecars.get(blockRoot))?.value ?? null;
  }

  async putDataColumnSidecars(fork: ForkName, blockRoot: Uint8Array, sidecars: fulu.DataColumnSidecar[]): Promise<void> {
    if (sidecars.length === 0) return;
    const batch = this.db.batch();
    for (const sidecar of sidecars) {
      this.db.dataColumnSidecars.batchPut(batch, {blockRoot, index: sidecar.index}, {fork, value: sidecar} as ForkedDataColumnSidecar);
    }
    await batch.commit();
  }

  async getDataColumnSidecars(blockRoot: Uint8Array, indices?: readonly number[]): Promise<fulu.DataColumnSidecar[]> {
    if (indices === undefined) return (await this.db.dataColumnSidecars.getAll(blockRoot)).map((s) => s.value);
    const out: fulu.DataColumnSidecar[] = [];
    for (const index of [...indices].sort((a, b) => a - b)) {
      const stored = await this.db.dataColumnSidecars.get({blockRoot, index});
      if (stored !== null) out.push(stored.value);
    }
    return out;
  }

  getDataColumnIndices(blockRoot: Uint8Array): Promise<number[]> {
    return this.db.dataColumnSidecars.indices(blockRoot);
  }

  async pruneBelowSlot(blobSlot: number, columnSlot: number): Promise<{blobBlocks: number; columns: number}> {
    return {blobBlocks: await this.db.blobSidecars.pruneBelowSlot(blobSlot), columns: await this.db.dataColumnSidecars.pruneBelowSlot(columnSlot)};
  }
}

/** Sidecars in memory: for tests and chains without a DB. */
export class MemorySidecarStore implements SidecarStore {
  private readonly blobs = new Map<string, deneb.BlobSidecar[]>();
  private readonly columns = new Map<string, Map<number, fulu.DataColumnSidecar>>();

  async putBlobSidecars(fork: ForkName, blockRoot: Uint8Array, sidecars: deneb.BlobSidecar[]): Promise<void> {
    if (!isForkAtLeast(fork, "deneb")) throw new Error(`no blob sidecars in ${fork}`);
    this.blobs.set(toHex(blockRoot), sidecars);
  }

  async getBlobSidecars(blockRoot: Uint8Array): Promise<deneb.BlobSidecar[] | null> {
    return this.blobs.get(toHex(blockRoot)) ?? null;
  }

  async putDataColumnSidecars(fork: ForkName, blockRoot: Uint8Array, sidecars: fulu.DataColumnSidecar[]): Promise<void> {
    if (!isForkAtLeast(fork, "fulu")) throw new Error(`no data column sidecars in ${fork}`);
    const key = toHex(blockRoot);
    const byIndex = this.columns.get(key) ?? new Map<number, fulu.DataColumnSidecar>();
    for (const s of sidecars) byIndex.set(s.index, s);
    this.columns.set(key, byIndex);
  }

  async getDataColumnSidecars(blockRoot: Uint8Array, indices?: readonly number[]): Promise<fulu.DataColumnSidecar[]> {
    const byIndex = this.columns.get(toHex(blockRoot));
    if (byIndex === undefined) return [];
    const wanted = indices === undefined ? [...byIndex.keys()] : [...indices];
    return wanted
      .sort((a, b) => a - b)
      .map((i) => byIndex.get(i))
      .filter((s): s is fulu.DataColumnSidecar => s !== undefined);
  }

  async getDataColumnIndices(blockRoot: Uint8Array): Promise<number[]> {
    return [...(this.columns.get(toHex(blockRoot))?.keys() ?? [])].sort((a, b) => a - b);
  }

  async pruneBelowSlot(blobSlot: number, columnSlot: number): Promise<{blobBlocks: number; columns: number}> {
    let blobBlocks = 0;
    let columns = 0;
    for (const [key, sidecars] of this.blobs) {
      if ((sidecars[0]?.signedBlockHeader.message.slot ?? 0) < blobSlot) {
        this.blobs.delete(key);
        blobBlocks++;
      }
    }
    for (const [key, byIndex] of this.columns) {
      const first = byIndex.values().next().value;
      if ((first?.signedBlockHeader.message.slot ?? 0) < columnSlot) {
        this.columns.delete(key);
        columns += byIndex.size;
      }
    }
    return {blobBlocks, columns};
  }
}
