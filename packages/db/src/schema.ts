import type {DbCore} from "./core.js";
import {DbError, DbErrorCode} from "./errors.js";
import {Bucket} from "./keys.js";

/**
 * The on-disk format this build reads and writes. Bump it when a bucket's key or value layout
 * changes, and add the migration from the previous version next to the bump.
 */
export const CURRENT_SCHEMA_VERSION = 1;

/** Key of the schema version in the meta bucket. Its value is a plain uint32 big-endian, in every version. */
const SCHEMA_VERSION_KEY = Uint8Array.of(0x01);

/**
 * Checks the stored schema version at open: an empty database gets the current one; a newer one,
 * an unreadable one, or data without one is refused before any repository reads it.
 */
export async function checkSchemaVersion(core: DbCore): Promise<number> {
  const raw = await core.get(Bucket.meta, SCHEMA_VERSION_KEY);
  if (raw === null) {
    if (!(await isEmpty(core))) {
      throw new DbError(DbErrorCode.SCHEMA_UNKNOWN, {reason: "database has data but no schema version", expected: CURRENT_SCHEMA_VERSION});
    }
    await writeSchemaVersion(core, CURRENT_SCHEMA_VERSION);
    return CURRENT_SCHEMA_VERSION;
  }
  if (raw.length !== 4) {
    throw new DbError(DbErrorCode.SCHEMA_UNKNOWN, {reason: `schema version of ${raw.length} bytes`, expected: CURRENT_SCHEMA_VERSION});
  }
  const found = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0);
  if (found > CURRENT_SCHEMA_VERSION) {
    throw new DbError(DbErrorCode.SCHEMA_NEWER, {
      reason: "written by a newer Hearth; upgrade, or start with an empty data directory",
      found,
      expected: CURRENT_SCHEMA_VERSION,
    });
  }
  if (found < CURRENT_SCHEMA_VERSION) {
    // No migrations exist yet: version 1 is the first format.
    throw new DbError(DbErrorCode.SCHEMA_UNKNOWN, {reason: "no migration from this version", found, expected: CURRENT_SCHEMA_VERSION});
  }
  return found;
}

/** Writes a schema version as is: for migrations, and for tests of a mismatch. */
export async function writeSchemaVersion(core: DbCore, version: number): Promise<void> {
  await core.write([{type: "put", key: Uint8Array.of(Bucket.meta, ...SCHEMA_VERSION_KEY), value: encodeVersion(version)}]);
}

function encodeVersion(version: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, version);
  return out;
}

async function isEmpty(core: DbCore): Promise<boolean> {
  for await (const _ of core.keys({limit: 1})) return false;
  return true;
}
