// The EIP-3076 interchange format, version 5: parsing (strict: a malformed file is refused as a
// whole with the path of the first bad field) and minification to the per-key watermarks this
// database keeps, and the JSON shape of an export.
import {fromHex, toHex} from "@hearth/config";
import {SlashingProtectionError, SlashingProtectionErrorCode} from "./errors.js";

export const INTERCHANGE_FORMAT_VERSION = "5";

export interface InterchangeBlock {
  slot: string;
  signing_root?: string;
}

export interface InterchangeAttestation {
  source_epoch: string;
  target_epoch: string;
  signing_root?: string;
}

export interface InterchangeRecord {
  pubkey: string;
  signed_blocks: InterchangeBlock[];
  signed_attestations: InterchangeAttestation[];
}

/** EIP-3076 v5 interchange JSON. */
export interface Interchange {
  metadata: {interchange_format_version: string; genesis_validators_root: string};
  data: InterchangeRecord[];
}

/** One key's imported history, minified: the highest slot, source and target it holds (null: none). */
export interface MinifiedRecord {
  pubkey: Uint8Array;
  maxSlot: number | null;
  maxSourceEpoch: number | null;
  maxTargetEpoch: number | null;
  blocks: number;
  attestations: number;
}

export interface ParsedInterchange {
  genesisValidatorsRoot: Uint8Array;
  /** By 0x-hex pubkey; a key listed several times is merged into one record. */
  records: Map<string, MinifiedRecord>;
}

function invalid(path: string, reason: string): SlashingProtectionError {
  return new SlashingProtectionError(SlashingProtectionErrorCode.INVALID_INTERCHANGE, {path, reason});
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(obj: Record<string, unknown>, key: string, path: string): unknown {
  if (!(key in obj)) throw invalid(`${path}.${key}`, "missing");
  return obj[key];
}

/** A decimal u64 string as in the spec's JSON; values above 2^53-1 are refused rather than rounded. */
function parseQuantity(value: unknown, path: string): number {
  if (typeof value !== "string" || !/^(0|[1-9][0-9]*)$/.test(value)) throw invalid(path, "not a decimal integer string");
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw invalid(path, "larger than this client can hold exactly");
  return n;
}

function parseBytes(value: unknown, length: number, path: string): Uint8Array {
  if (typeof value !== "string" || !new RegExp(`^0x[0-9a-fA-F]{${length * 2}}$`).test(value)) throw invalid(path, `not 0x-prefixed hex of ${length} bytes`);
  return fromHex(value);
}

function parseArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, "not an array");
  return value;
}

function max(a: number | null, b: number): number {
  return a === null ? b : Math.max(a, b);
}

/** Parses and minifies an interchange; throws INVALID_INTERCHANGE for anything not v5-shaped. */
export function parseInterchange(json: unknown): ParsedInterchange {
  if (!isObject(json)) throw invalid("$", "not a JSON object");
  const metadata = field(json, "metadata", "$");
  if (!isObject(metadata)) throw invalid("$.metadata", "not an object");
  const version = field(metadata, "interchange_format_version", "$.metadata");
  if (version !== INTERCHANGE_FORMAT_VERSION) throw invalid("$.metadata.interchange_format_version", `expected "5", got ${JSON.stringify(version)}`);
  const genesisValidatorsRoot = parseBytes(field(metadata, "genesis_validators_root", "$.metadata"), 32, "$.metadata.genesis_validators_root");

  const records = new Map<string, MinifiedRecord>();
  parseArray(field(json, "data", "$"), "$.data").forEach((entry, i) => {
    const path = `$.data[${i}]`;
    if (!isObject(entry)) throw invalid(path, "not an object");
    const pubkey = parseBytes(field(entry, "pubkey", path), 48, `${path}.pubkey`);
    const key = toHex(pubkey);
    let record = records.get(key);
    if (record === undefined) {
      record = {pubkey, maxSlot: null, maxSourceEpoch: null, maxTargetEpoch: null, blocks: 0, attestations: 0};
      records.set(key, record);
    }
    parseArray(field(entry, "signed_blocks", path), `${path}.signed_blocks`).forEach((block, j) => {
      const p = `${path}.signed_blocks[${j}]`;
      if (!isObject(block)) throw invalid(p, "not an object");
      const slot = parseQuantity(field(block, "slot", p), `${p}.slot`);
      if (block.signing_root !== undefined) parseBytes(block.signing_root, 32, `${p}.signing_root`);
      record.maxSlot = max(record.maxSlot, slot);
      record.blocks++;
    });
    parseArray(field(entry, "signed_attestations", path), `${path}.signed_attestations`).forEach((att, j) => {
      const p = `${path}.signed_attestations[${j}]`;
      if (!isObject(att)) throw invalid(p, "not an object");
      const source = parseQuantity(field(att, "source_epoch", p), `${p}.source_epoch`);
      const target = parseQuantity(field(att, "target_epoch", p), `${p}.target_epoch`);
      if (att.signing_root !== undefined) parseBytes(att.signing_root, 32, `${p}.signing_root`);
      record.maxSourceEpoch = max(record.maxSourceEpoch, source);
      record.maxTargetEpoch = max(record.maxTargetEpoch, target);
      record.attestations++;
    });
  });
  return {genesisValidatorsRoot, records};
}
