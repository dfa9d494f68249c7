// The EIP-3076 checks against a key's watermarks. Pure: the caller holds the key's lock, reads the
// record, asks here, and writes the returned record durably before anything is signed.
import {bytesEqual} from "@hearth/config";
import {SlashingProtectionError, SlashingProtectionErrorCode} from "./errors.js";
import type {AttestationRecord, BlockRecord} from "./records.js";

/** What to do with a signing request that passed: write `record`, or nothing for an exact repeat. */
export type CheckResult<R> = {kind: "new"; record: R} | {kind: "repeat"};

const ZERO_ROOT = new Uint8Array(32);

function sameKnownRoot(stored: Uint8Array | null, requested: Uint8Array): boolean {
  // a zero root stands for "unknown" in interchange data and proves nothing
  if (stored === null || bytesEqual(requested, ZERO_ROOT)) return false;
  return bytesEqual(stored, requested);
}

/**
 * A block may be signed only above the highest slot signed or imported for the key. The one
 * exception is re-signing the very block this client signed last (same slot, same signing root):
 * the same message again is not slashable, and a restart between recording and signing needs it.
 */
export function checkBlockProposal(latest: BlockRecord | null, slot: number, signingRoot: Uint8Array): CheckResult<BlockRecord> {
  if (latest !== null && slot <= latest.slot) {
    if (slot === latest.slot && sameKnownRoot(latest.signingRoot, signingRoot)) return {kind: "repeat"};
    throw new SlashingProtectionError(SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK, {slot, watermark: latest.slot});
  }
  return {kind: "new", record: {slot, signingRoot}};
}

/**
 * An attestation may be signed only with source >= the highest source and target > the highest
 * target signed or imported: such a vote can neither double an earlier one (same target) nor
 * surround or be surrounded by one (which needs a lower source or a lower target).
 */
export function checkAttestation(
  latest: AttestationRecord | null,
  sourceEpoch: number,
  targetEpoch: number,
  signingRoot: Uint8Array,
): CheckResult<AttestationRecord> {
  if (sourceEpoch > targetEpoch) {
    throw new SlashingProtectionError(SlashingProtectionErrorCode.ATTESTATION_SOURCE_AFTER_TARGET, {sourceEpoch, targetEpoch});
  }
  if (latest !== null) {
    if (sourceEpoch === latest.sourceEpoch && targetEpoch === latest.targetEpoch && sameKnownRoot(latest.signingRoot, signingRoot)) {
      return {kind: "repeat"};
    }
    if (sourceEpoch < latest.sourceEpoch) {
      throw new SlashingProtectionError(SlashingProtectionErrorCode.ATTESTATION_SOURCE_BELOW_WATERMARK, {sourceEpoch, watermark: latest.sourceEpoch});
    }
    if (targetEpoch <= latest.targetEpoch) {
      throw new SlashingProtectionError(SlashingProtectionErrorCode.ATTESTATION_TARGET_NOT_ABOVE_WATERMARK, {targetEpoch, watermark: latest.targetEpoch});
    }
  }
  return {kind: "new", record: {sourceEpoch, targetEpoch, signingRoot}};
}

/** The block watermark after importing `importedMaxSlot`: the higher one; an imported slot carries no root. */
export function mergeBlockRecord(existing: BlockRecord | null, importedMaxSlot: number): BlockRecord {
  if (existing !== null && existing.slot > importedMaxSlot) return existing;
  return {slot: importedMaxSlot, signingRoot: null};
}

/** The attestation watermarks after an import: each the higher of existing and imported. */
export function mergeAttestationRecord(existing: AttestationRecord | null, importedMaxSource: number, importedMaxTarget: number): AttestationRecord {
  if (existing === null) return {sourceEpoch: importedMaxSource, targetEpoch: importedMaxTarget, signingRoot: null};
  // our own root stays usable only if no imported vote can sit at its (source, target)
  if (existing.sourceEpoch >= importedMaxSource && existing.targetEpoch > importedMaxTarget) return existing;
  return {
    sourceEpoch: Math.max(existing.sourceEpoch, importedMaxSource),
    targetEpoch: Math.max(existing.targetEpoch, importedMaxTarget),
    signingRoot: null,
  };
}
