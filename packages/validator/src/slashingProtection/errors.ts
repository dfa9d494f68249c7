import {CodedError} from "@hearth/params";
import type {ErrorDetail} from "../errors.js";

export enum SlashingProtectionErrorCode {
  /** A block at a slot at or below the key's highest signed (or imported) block slot. */
  BLOCK_SLOT_NOT_ABOVE_WATERMARK = "SLASHING_PROTECTION_BLOCK_SLOT_NOT_ABOVE_WATERMARK",
  /** An attestation whose source is below the key's highest signed (or imported) source. */
  ATTESTATION_SOURCE_BELOW_WATERMARK = "SLASHING_PROTECTION_ATTESTATION_SOURCE_BELOW_WATERMARK",
  /** An attestation whose target is at or below the key's highest signed (or imported) target. */
  ATTESTATION_TARGET_NOT_ABOVE_WATERMARK = "SLASHING_PROTECTION_ATTESTATION_TARGET_NOT_ABOVE_WATERMARK",
  /** An attestation with source epoch after its target epoch: never a valid vote. */
  ATTESTATION_SOURCE_AFTER_TARGET = "SLASHING_PROTECTION_ATTESTATION_SOURCE_AFTER_TARGET",
  /** The database, or an interchange, belongs to another chain (genesis validators root). */
  GENESIS_VALIDATORS_ROOT_MISMATCH = "SLASHING_PROTECTION_GENESIS_VALIDATORS_ROOT_MISMATCH",
  /** The database has no genesis validators root yet, so there is nothing to export. */
  NO_GENESIS_VALIDATORS_ROOT = "SLASHING_PROTECTION_NO_GENESIS_VALIDATORS_ROOT",
  /** An interchange file that is not valid EIP-3076 v5 JSON. */
  INVALID_INTERCHANGE = "SLASHING_PROTECTION_INVALID_INTERCHANGE",
  /** A stored record that cannot be decoded: the database is damaged; signing stops for the key. */
  CORRUPT_RECORD = "SLASHING_PROTECTION_CORRUPT_RECORD",
  /** The database directory is in use by another process or cannot be opened. */
  DB_OPEN_FAILED = "SLASHING_PROTECTION_DB_OPEN_FAILED",
}

export type SlashingProtectionErrorDetail = ErrorDetail;

/** A signature refused or a database/interchange problem; a refused duty is skipped, never signed. */
export class SlashingProtectionError extends CodedError<SlashingProtectionErrorCode, ErrorDetail> {}
