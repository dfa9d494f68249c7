// The helpers of light-client/sync-protocol.md (altair, as modified by capella, deneb and electra):
// generalized indices by slot, branch normalization, update classification and ranking.
import {
  CURRENT_SYNC_COMMITTEE_GINDEX,
  CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  EPOCHS_PER_SYNC_COMMITTEE_PERIOD,
  EXECUTION_PAYLOAD_GINDEX,
  FINALIZED_ROOT_GINDEX,
  FINALIZED_ROOT_GINDEX_ELECTRA,
  NEXT_SYNC_COMMITTEE_GINDEX,
  NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  type ForkName,
} from "@hearth/params";
import type {ForkSchedule} from "@hearth/config";
import {computeEpochAtSlot} from "../util/epoch.js";
import {isValidMerkleBranch} from "../block/isValidMerkleBranch.js";
import {bytesEqual} from "../util/bytes.js";
import {lightClientForkOf, lightClientTypesFor, type LightClientFork, type LightClientHeader, type LightClientUpdate} from "./types.js";

/** The fork schedule the light-client functions read: fork epochs and versions. */
export type LightClientConfig = Pick<ForkSchedule, "forkEpoch" | "forkAtEpoch" | "computeForkVersion">;

export function floorlog2(x: number): number {
  return Math.floor(Math.log2(x));
}

/** get_subtree_index */
export function getSubtreeIndex(gindex: number): number {
  return gindex % 2 ** floorlog2(gindex);
}

/** compute_sync_committee_period_at_slot */
export function computeSyncCommitteePeriodAtSlot(slot: number): number {
  return Math.floor(computeEpochAtSlot(slot) / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
}

/** The fork of light-client data about a header at `slot` (p2p-interface.md: the attested/bootstrap header's epoch). */
export function lightClientForkAtSlot(config: LightClientConfig, slot: number): LightClientFork {
  return lightClientForkOf(config.forkAtEpoch(computeEpochAtSlot(slot)));
}

function atOrAfter(config: LightClientConfig, slot: number, fork: ForkName): boolean {
  return computeEpochAtSlot(slot) >= config.forkEpoch(fork);
}

/** finalized_root_gindex_at_slot (electra) */
export function finalizedRootGindexAtSlot(config: LightClientConfig, slot: number): number {
  return atOrAfter(config, slot, "electra") ? FINALIZED_ROOT_GINDEX_ELECTRA : FINALIZED_ROOT_GINDEX;
}

/** current_sync_committee_gindex_at_slot (electra) */
export function currentSyncCommitteeGindexAtSlot(config: LightClientConfig, slot: number): number {
  return atOrAfter(config, slot, "electra") ? CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA : CURRENT_SYNC_COMMITTEE_GINDEX;
}

/** next_sync_committee_gindex_at_slot (electra) */
export function nextSyncCommitteeGindexAtSlot(config: LightClientConfig, slot: number): number {
  return atOrAfter(config, slot, "electra") ? NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA : NEXT_SYNC_COMMITTEE_GINDEX;
}

/** is_valid_normalized_merkle_branch: extra leading entries of a longer (newer) branch must be zero. */
export function isValidNormalizedMerkleBranch(leaf: Uint8Array, branch: Uint8Array[], gindex: number, root: Uint8Array): boolean {
  const depth = floorlog2(gindex);
  const numExtra = branch.length - depth;
  if (numExtra < 0) return false;
  for (let i = 0; i < numExtra; i++) if (!isZero(branch[i])) return false;
  return isValidMerkleBranch(leaf, branch.slice(numExtra), depth, getSubtreeIndex(gindex), root);
}

/** normalize_merkle_branch (electra light-client/fork.md): pad a branch with zeros up to a gindex's depth. */
export function normalizeMerkleBranch(branch: Uint8Array[], gindex: number): Uint8Array[] {
  const numExtra = floorlog2(gindex) - branch.length;
  const out: Uint8Array[] = [];
  for (let i = 0; i < numExtra; i++) out.push(new Uint8Array(32));
  return out.concat(branch);
}

export function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function isZeroBranch(branch: Uint8Array[]): boolean {
  return branch.every(isZero);
}

/** is_sync_committee_update */
export function isSyncCommitteeUpdate(update: Pick<LightClientUpdate, "nextSyncCommitteeBranch">): boolean {
  return !isZeroBranch(update.nextSyncCommitteeBranch);
}

/** is_finality_update */
export function isFinalityUpdate(update: Pick<LightClientUpdate, "finalityBranch">): boolean {
  return !isZeroBranch(update.finalityBranch);
}

export function sumBits(update: Pick<LightClientUpdate, "syncAggregate">): number {
  return update.syncAggregate.syncCommitteeBits.getTrueBitIndexes().length;
}

/** is_better_update: the ranking a full node keeps its best update per period by, and a light client its best_valid_update. */
export function isBetterUpdate(newUpdate: LightClientUpdate, oldUpdate: LightClientUpdate): boolean {
  // Compare supermajority (> 2/3) sync committee participation
  const maxActiveParticipants = newUpdate.syncAggregate.syncCommitteeBits.bitLen;
  const newNum = sumBits(newUpdate);
  const oldNum = sumBits(oldUpdate);
  const newSupermajority = newNum * 3 >= maxActiveParticipants * 2;
  const oldSupermajority = oldNum * 3 >= maxActiveParticipants * 2;
  if (newSupermajority !== oldSupermajority) return newSupermajority;
  if (!newSupermajority && newNum !== oldNum) return newNum > oldNum;

  // Compare presence of relevant sync committee
  const newRelevant = isSyncCommitteeUpdate(newUpdate) && attestedPeriod(newUpdate) === computeSyncCommitteePeriodAtSlot(newUpdate.signatureSlot);
  const oldRelevant = isSyncCommitteeUpdate(oldUpdate) && attestedPeriod(oldUpdate) === computeSyncCommitteePeriodAtSlot(oldUpdate.signatureSlot);
  if (newRelevant !== oldRelevant) return newRelevant;

  // Compare indication of any finality
  const newFinality = isFinalityUpdate(newUpdate);
  const oldFinality = isFinalityUpdate(oldUpdate);
  if (newFinality !== oldFinality) return newFinality;

  // Compare sync committee finality
  if (newFinality) {
    const newScFinality = computeSyncCommitteePeriodAtSlot(newUpdate.finalizedHeader.beacon.slot) === attestedPeriod(newUpdate);
    const oldScFinality = computeSyncCommitteePeriodAtSlot(oldUpdate.finalizedHeader.beacon.slot) === attestedPeriod(oldUpdate);
    if (newScFinality !== oldScFinality) return newScFinality;
  }

  // Tiebreaker 1: Sync committee participation beyond supermajority
  if (newNum !== oldNum) return newNum > oldNum;
  // Tiebreaker 2: Prefer older data (fewer changes to best)
  if (newUpdate.attestedHeader.beacon.slot !== oldUpdate.attestedHeader.beacon.slot) {
    return newUpdate.attestedHeader.beacon.slot < oldUpdate.attestedHeader.beacon.slot;
  }
  // Tiebreaker 3: Prefer updates with earlier signature slots
  return newUpdate.signatureSlot < oldUpdate.signatureSlot;
}

function attestedPeriod(update: LightClientUpdate): number {
  return computeSyncCommitteePeriodAtSlot(update.attestedHeader.beacon.slot);
}

/**
 * get_lc_execution_root (deneb): the root of the header's execution payload header, as the fork of
 * the header's slot hashes it; zero before capella.
 */
export function getLcExecutionRoot(config: LightClientConfig, header: LightClientHeader): Uint8Array {
  const slot = header.beacon.slot;
  if (header.execution === undefined || !atOrAfter(config, slot, "capella")) return new Uint8Array(32);
  // A header held in a later fork's container but dated before deneb hashes as capella's header.
  const fork = atOrAfter(config, slot, "deneb") ? "deneb" : "capella";
  const type = lightClientTypesFor(fork).ExecutionPayloadHeader;
  if (!type) throw new Error(`no ExecutionPayloadHeader at ${fork}`);
  const fields = Object.keys((type as unknown as {fields: Record<string, unknown>}).fields);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const value: Record<string, any> = {};
  for (const f of fields) value[f] = header.execution[f];
  return type.hashTreeRoot(value);
}

/** is_valid_light_client_header (deneb's, which electra and fulu keep) */
export function isValidLightClientHeader(config: LightClientConfig, header: LightClientHeader): boolean {
  const slot = header.beacon.slot;
  if (header.execution === undefined) return true; // altair and bellatrix containers: nothing to check
  if (!atOrAfter(config, slot, "deneb")) {
    if (header.execution.blobGasUsed !== undefined && Number(header.execution.blobGasUsed) !== 0) return false;
    if (header.execution.excessBlobGas !== undefined && Number(header.execution.excessBlobGas) !== 0) return false;
  }
  const branch = header.executionBranch ?? [];
  if (!atOrAfter(config, slot, "capella")) {
    const fork = lightClientForkAtSlotOfHeader(header);
    const type = lightClientTypesFor(fork).ExecutionPayloadHeader;
    const emptyExecution = type ? type.equals(header.execution, type.defaultValue()) : true;
    return emptyExecution && isZeroBranch(branch);
  }
  return isValidMerkleBranch(
    getLcExecutionRoot(config, header),
    branch,
    floorlog2(EXECUTION_PAYLOAD_GINDEX),
    getSubtreeIndex(EXECUTION_PAYLOAD_GINDEX),
    header.beacon.bodyRoot
  );
}

/** The container fork whose execution header has exactly this header's fields (capella or deneb+). */
function lightClientForkAtSlotOfHeader(header: LightClientHeader): LightClientFork {
  return header.execution && "blobGasUsed" in header.execution ? "deneb" : "capella";
}

export function rootsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return bytesEqual(a, b);
}
