// What slashing protection keeps per key: the highest block slot and the highest attestation
// source and target it has signed or imported (EIP-3076's "minimal" strategy, in the high-watermark
// form). Everything at or below a watermark is refused, so no two blocks share a slot and no vote
// can double or surround an earlier one, without keeping the whole history.
import {SlashingProtectionError, SlashingProtectionErrorCode} from "./errors.js";

export interface BlockRecord {
  slot: number;
  /** Root of the block signed at `slot`, or null when imported (or merged) without one we can trust. */
  signingRoot: Uint8Array | null;
}

export interface AttestationRecord {
  sourceEpoch: number;
  targetEpoch: number;
  /** Root of the attestation signed with exactly this source and target, or null (imported/merged). */
  signingRoot: Uint8Array | null;
}

const ROOT_LENGTH = 32;

function writeU64(view: DataView, offset: number, value: number): void {
  view.setBigUint64(offset, BigInt(value));
}

function readU64(view: DataView, offset: number, what: string): number {
  const value = view.getBigUint64(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new SlashingProtectionError(SlashingProtectionErrorCode.CORRUPT_RECORD, {what, value: value.toString()});
  return Number(value);
}

function encodeRoot(out: Uint8Array, offset: number, root: Uint8Array | null): void {
  out[offset] = root === null ? 0 : 1;
  if (root !== null) out.set(root, offset + 1);
}

function decodeRoot(bytes: Uint8Array, offset: number, what: string): Uint8Array | null {
  const flag = bytes[offset];
  if (flag === 0 && bytes.length === offset + 1) return null;
  if (flag === 1 && bytes.length === offset + 1 + ROOT_LENGTH) return Uint8Array.from(bytes.subarray(offset + 1));
  throw new SlashingProtectionError(SlashingProtectionErrorCode.CORRUPT_RECORD, {what, length: bytes.length, flag});
}

/** slot u64 BE | root flag | root? */
export function encodeBlockRecord(record: BlockRecord): Uint8Array {
  const out = new Uint8Array(9 + (record.signingRoot === null ? 0 : ROOT_LENGTH));
  writeU64(new DataView(out.buffer), 0, record.slot);
  encodeRoot(out, 8, record.signingRoot);
  return out;
}

export function decodeBlockRecord(bytes: Uint8Array): BlockRecord {
  if (bytes.length < 9) throw new SlashingProtectionError(SlashingProtectionErrorCode.CORRUPT_RECORD, {what: "block", length: bytes.length});
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {slot: readU64(view, 0, "block slot"), signingRoot: decodeRoot(bytes, 8, "block")};
}

/** source u64 BE | target u64 BE | root flag | root? */
export function encodeAttestationRecord(record: AttestationRecord): Uint8Array {
  const out = new Uint8Array(17 + (record.signingRoot === null ? 0 : ROOT_LENGTH));
  const view = new DataView(out.buffer);
  writeU64(view, 0, record.sourceEpoch);
  writeU64(view, 8, record.targetEpoch);
  encodeRoot(out, 16, record.signingRoot);
  return out;
}

export function decodeAttestationRecord(bytes: Uint8Array): AttestationRecord {
  if (bytes.length < 17) throw new SlashingProtectionError(SlashingProtectionErrorCode.CORRUPT_RECORD, {what: "attestation", length: bytes.length});
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    sourceEpoch: readU64(view, 0, "attestation source"),
    targetEpoch: readU64(view, 8, "attestation target"),
    signingRoot: decodeRoot(bytes, 16, "attestation"),
  };
}
