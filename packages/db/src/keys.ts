import {DbError, DbErrorCode} from "./errors.js";

/**
 * One byte in front of every key names its bucket, so each repository owns a contiguous key range.
 * Values are part of the on-disk format: never renumber, only add (and bump the schema version when
 * a bucket's layout changes).
 */
export enum Bucket {
  /** Schema version and other facts about the database itself. */
  meta = 0x00,
  /** Blocks not yet finalized, by block root. */
  hotBlock = 0x01,
  /** Finalized blocks by slot (big-endian, so key order is slot order). */
  blockArchive = 0x02,
  /** Block root → slot of the finalized block, to find an archived block by root. */
  blockArchiveRootIndex = 0x03,
  /** Anchor states (genesis or checkpoint-sync state), by state root. */
  anchorState = 0x04,
  /** Checkpoint states by (epoch, block root). */
  checkpointState = 0x05,
  /** Blob sidecars of a block (deneb+), by block root. */
  blobSidecars = 0x06,
  /** Data column sidecars (fulu+), by (block root, column index). */
  dataColumnSidecar = 0x07,
  /** Head, checkpoints, genesis and the node's config record; one fixed key each. */
  chainInfo = 0x08,
}

export function bucketName(bucket: Bucket): string {
  return Bucket[bucket] ?? `0x${bucket.toString(16).padStart(2, "0")}`;
}

/** The stored key: bucket byte then the repository's key bytes. */
export function bucketKey(bucket: Bucket, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + key.length);
  out[0] = bucket;
  out.set(key, 1);
  return out;
}

/** The bounds of every key of a bucket that starts with `prefix` (for range reads). */
export function prefixRange(bucket: Bucket, prefix: Uint8Array = new Uint8Array(0)): {gte: Uint8Array; lt: Uint8Array} {
  const gte = bucketKey(bucket, prefix);
  const lt = gte.slice();
  // The smallest key greater than every key with this prefix: increment the last byte that is not 0xff.
  let i = lt.length - 1;
  while (i >= 0 && lt[i] === 0xff) i--;
  if (i < 0) throw new Error("prefixRange: all-0xff prefix has no upper bound");
  lt[i]++;
  return {gte, lt: lt.subarray(0, i + 1)};
}

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** A uint64 as 8 big-endian bytes: byte order then equals numeric order. */
export function uint64Key(n: number, what = "uint64"): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new DbError(DbErrorCode.INVALID_KEY, {reason: `${what} must be a non-negative safe integer, got ${n}`});
  }
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(n / 2 ** 32));
  view.setUint32(4, n >>> 0);
  return out;
}

/** Reads uint64Key's encoding at `offset`; null when the bytes are not a safe integer. */
export function readUint64Key(bytes: Uint8Array, offset = 0): number | null {
  if (bytes.length < offset + 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 8);
  const n = view.getUint32(0) * 2 ** 32 + view.getUint32(4);
  return Number.isSafeInteger(n) ? n : null;
}

export function rootKey(root: Uint8Array, what = "root"): Uint8Array {
  if (root.length !== 32) {
    throw new DbError(DbErrorCode.INVALID_KEY, {reason: `${what} must be 32 bytes, got ${root.length}`});
  }
  return root;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
