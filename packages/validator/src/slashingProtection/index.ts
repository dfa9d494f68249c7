export {SlashingProtection, SLASHING_PROTECTION_DB_DIR_NAME, slashingProtectionDbDir, type InterchangeImportResult, type SlashingProtectionOptions} from "./slashingProtection.js";
export {SlashingProtectionError, SlashingProtectionErrorCode, type SlashingProtectionErrorDetail} from "./errors.js";
export {
  INTERCHANGE_FORMAT_VERSION,
  parseInterchange,
  type Interchange,
  type InterchangeAttestation,
  type InterchangeBlock,
  type InterchangeRecord,
  type MinifiedRecord,
  type ParsedInterchange,
} from "./interchange.js";
export type {AttestationRecord, BlockRecord} from "./records.js";
