// light-client/fork.md of capella, deneb and electra: light-client data of an earlier fork, upgraded
// locally to a later fork's containers. Each step only adds defaulted fields or zero-pads branches,
// so one function per container covers any pair of forks.
import {ForkSeq} from "@hearth/params";
import {CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA, FINALIZED_ROOT_GINDEX_ELECTRA, NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA} from "@hearth/params";
import {normalizeMerkleBranch} from "./helpers.js";
import {LightClientErrorCode, check} from "./errors.js";
import type {LightClientStore} from "./store.js";
import {
  lightClientTypesFor,
  type LightClientBootstrap,
  type LightClientFinalityUpdate,
  type LightClientFork,
  type LightClientHeader,
  type LightClientOptimisticUpdate,
  type LightClientUpdate,
} from "./types.js";

/** upgrade_lc_header_to_capella/_deneb/_electra, chained up to `to`. */
export function upgradeLcHeader(header: LightClientHeader, to: LightClientFork): LightClientHeader {
  const types = lightClientTypesFor(to);
  if (!types.ExecutionPayloadHeader || !types.ExecutionBranch) {
    if (header.execution !== undefined) throw new Error(`cannot downgrade a light-client header to ${to}`);
    return {beacon: header.beacon};
  }
  // Fields new in the target fork (deneb's blob gas) take their defaults; the rest carry over.
  const execution = types.ExecutionPayloadHeader.defaultValue() as Record<string, unknown>;
  if (header.execution) for (const key of Object.keys(execution)) if (key in header.execution) execution[key] = header.execution[key];
  const executionBranch = header.executionBranch ?? (types.ExecutionBranch.defaultValue() as Uint8Array[]);
  return {beacon: header.beacon, execution, executionBranch};
}

/** Electra deepened the state branches; earlier branches are zero-padded (normalize_merkle_branch). */
function branchFor(branch: Uint8Array[], to: LightClientFork, electraGindex: number): Uint8Array[] {
  return ForkSeq[to] >= ForkSeq.electra ? normalizeMerkleBranch(branch, electraGindex) : branch;
}

export function upgradeLcBootstrap(pre: LightClientBootstrap, to: LightClientFork): LightClientBootstrap {
  return {
    header: upgradeLcHeader(pre.header, to),
    currentSyncCommittee: pre.currentSyncCommittee,
    currentSyncCommitteeBranch: branchFor(pre.currentSyncCommitteeBranch, to, CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA),
  };
}

export function upgradeLcUpdate(pre: LightClientUpdate, to: LightClientFork): LightClientUpdate {
  return {
    attestedHeader: upgradeLcHeader(pre.attestedHeader, to),
    nextSyncCommittee: pre.nextSyncCommittee,
    nextSyncCommitteeBranch: branchFor(pre.nextSyncCommitteeBranch, to, NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA),
    finalizedHeader: upgradeLcHeader(pre.finalizedHeader, to),
    finalityBranch: branchFor(pre.finalityBranch, to, FINALIZED_ROOT_GINDEX_ELECTRA),
    syncAggregate: pre.syncAggregate,
    signatureSlot: pre.signatureSlot,
  };
}

export function upgradeLcFinalityUpdate(pre: LightClientFinalityUpdate, to: LightClientFork): LightClientFinalityUpdate {
  return {
    attestedHeader: upgradeLcHeader(pre.attestedHeader, to),
    finalizedHeader: upgradeLcHeader(pre.finalizedHeader, to),
    finalityBranch: branchFor(pre.finalityBranch, to, FINALIZED_ROOT_GINDEX_ELECTRA),
    syncAggregate: pre.syncAggregate,
    signatureSlot: pre.signatureSlot,
  };
}

export function upgradeLcOptimisticUpdate(pre: LightClientOptimisticUpdate, to: LightClientFork): LightClientOptimisticUpdate {
  return {attestedHeader: upgradeLcHeader(pre.attestedHeader, to), syncAggregate: pre.syncAggregate, signatureSlot: pre.signatureSlot};
}

/** upgrade_lc_store_to_capella/_deneb/_electra, chained up to `to`. */
export function upgradeLcStore(store: LightClientStore, to: LightClientFork): LightClientStore {
  check(ForkSeq[to] >= ForkSeq[store.fork], LightClientErrorCode.CANNOT_DOWNGRADE, `${store.fork} → ${to}`);
  return {
    fork: to,
    finalizedHeader: upgradeLcHeader(store.finalizedHeader, to),
    currentSyncCommittee: store.currentSyncCommittee,
    nextSyncCommittee: store.nextSyncCommittee,
    bestValidUpdate: store.bestValidUpdate === null ? null : upgradeLcUpdate(store.bestValidUpdate, to),
    optimisticHeader: upgradeLcHeader(store.optimisticHeader, to),
    previousMaxActiveParticipants: store.previousMaxActiveParticipants,
    currentMaxActiveParticipants: store.currentMaxActiveParticipants,
  };
}
