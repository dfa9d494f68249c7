import {CodedError} from "@hearth/params";
import type {ErrorDetail} from "../errors.js";

export enum KeystoreErrorCode {
  /** A file is not an EIP-2335 keystore (bad JSON, schema, or a pubkey its secret does not match). */
  INVALID_KEYSTORE = "KEYSTORE_ERROR_INVALID_KEYSTORE",
  /** No password file for a keystore, or an empty one. */
  NO_PASSWORD = "KEYSTORE_ERROR_NO_PASSWORD",
  /** The password does not decrypt the keystore (checksum mismatch). */
  WRONG_PASSWORD = "KEYSTORE_ERROR_WRONG_PASSWORD",
  /** Another live process holds the keystore's lock file. */
  LOCKED = "KEYSTORE_ERROR_LOCKED",
  /** Two keystores hold the same public key. */
  DUPLICATE_KEY = "KEYSTORE_ERROR_DUPLICATE_KEY",
  /** The keystores directory does not exist or cannot be read. */
  NO_DIRECTORY = "KEYSTORE_ERROR_NO_DIRECTORY",
}

export type KeystoreErrorDetail = ErrorDetail;

export class KeystoreError extends CodedError<KeystoreErrorCode, ErrorDetail> {}
