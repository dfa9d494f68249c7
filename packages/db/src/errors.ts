import {CodedError} from "@hearth/params";

export enum DbErrorCode {
  /** The stored schema version is newer than this build knows: the data was written by a later Hearth. */
  SCHEMA_NEWER = "DB_ERROR_SCHEMA_NEWER",
  /** The database holds data but no readable schema version, or a version with no migration path. */
  SCHEMA_UNKNOWN = "DB_ERROR_SCHEMA_UNKNOWN",
  /** A stored value does not decode: truncated, unknown fork byte, or bytes that are not the type's SSZ. */
  CORRUPT_VALUE = "DB_ERROR_CORRUPT_VALUE",
  /** A value given to put cannot be encoded as its fork's type (a caller bug: fork and value disagree). */
  INVALID_VALUE = "DB_ERROR_INVALID_VALUE",
  /** A key given by the caller is out of range: a slot that is not a uint64, a root that is not 32 bytes. */
  INVALID_KEY = "DB_ERROR_INVALID_KEY",
  /** Another process holds the database's lock. */
  LOCKED = "DB_ERROR_LOCKED",
  /** The database directory could not be opened or created. */
  OPEN_FAILED = "DB_ERROR_OPEN_FAILED",
  /** An operation after close() began. */
  CLOSED = "DB_ERROR_CLOSED",
  /** The store failed to read or write. */
  IO_ERROR = "DB_ERROR_IO",
  /** A batch was written to after it was committed: its operations would be silently lost. */
  BATCH_COMMITTED = "DB_ERROR_BATCH_COMMITTED",
  /** A batch from one Db was used with the repositories of another. */
  BATCH_OTHER_DB = "DB_ERROR_BATCH_OTHER_DB",
}

export interface DbErrorDetail {
  /** Bucket name, e.g. "hotBlock". */
  bucket?: string;
  /** The stored key (without the bucket byte), 0x-hex. */
  key?: string;
  /** Why: a decoder's or the store's own message. */
  reason?: string;
  path?: string;
  found?: number;
  expected?: number;
}

/** A database failure with a code; bad stored data surfaces as one of these, never as a crash elsewhere. */
export class DbError extends CodedError<DbErrorCode, DbErrorDetail> {}

/** The message of whatever was thrown, for an error's detail. */
export {errorMessage as errorReason} from "@hearth/params";
