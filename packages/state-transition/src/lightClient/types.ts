// The light-client containers of every fork, seen through one set of structural types: each fork only
// adds fields to the header (capella: execution data) and lengthens branches (electra), so the
// functions of sync-protocol.md and full-node.md can be written once and pick a fork's SSZ type by name.
import type {CompositeType} from "@chainsafe/ssz";
import type {BitArray} from "@chainsafe/ssz";
import {ForkSeq, type ForkName} from "@hearth/params";
import {sszTypesFor, type phase0} from "@hearth/types";

/** Forks with light-client data: altair and later. */
export type LightClientFork = Exclude<ForkName, "phase0">;

export interface LightClientHeader {
  beacon: phase0.BeaconBlockHeader;
  // capella and later; undefined before
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  execution?: Record<string, any>;
  executionBranch?: Uint8Array[];
}

export interface SyncCommittee {
  pubkeys: Uint8Array[];
  aggregatePubkey: Uint8Array;
}

export interface SyncAggregate {
  syncCommitteeBits: BitArray;
  syncCommitteeSignature: Uint8Array;
}

export interface LightClientBootstrap {
  header: LightClientHeader;
  currentSyncCommittee: SyncCommittee;
  currentSyncCommitteeBranch: Uint8Array[];
}

export interface LightClientUpdate {
  attestedHeader: LightClientHeader;
  nextSyncCommittee: SyncCommittee;
  nextSyncCommitteeBranch: Uint8Array[];
  finalizedHeader: LightClientHeader;
  finalityBranch: Uint8Array[];
  syncAggregate: SyncAggregate;
  signatureSlot: number;
}

export interface LightClientFinalityUpdate {
  attestedHeader: LightClientHeader;
  finalizedHeader: LightClientHeader;
  finalityBranch: Uint8Array[];
  syncAggregate: SyncAggregate;
  signatureSlot: number;
}

export interface LightClientOptimisticUpdate {
  attestedHeader: LightClientHeader;
  syncAggregate: SyncAggregate;
  signatureSlot: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = CompositeType<any, any, any>;

/** The SSZ types of a fork's light-client containers. */
export interface LightClientTypes {
  LightClientHeader: AnyType;
  LightClientBootstrap: AnyType;
  LightClientUpdate: AnyType;
  LightClientFinalityUpdate: AnyType;
  LightClientOptimisticUpdate: AnyType;
  SyncCommittee: AnyType;
  FinalityBranch: AnyType;
  NextSyncCommitteeBranch: AnyType;
  CurrentSyncCommitteeBranch: AnyType;
  /** capella and later */
  ExecutionPayloadHeader?: AnyType;
  ExecutionBranch?: AnyType;
}

export function lightClientTypesFor(fork: LightClientFork): LightClientTypes {
  const t = sszTypesFor(fork) as unknown as Record<string, AnyType>;
  const update = t.LightClientUpdate as unknown as {fields: Record<string, AnyType>};
  const bootstrap = t.LightClientBootstrap as unknown as {fields: Record<string, AnyType>};
  const header = t.LightClientHeader as unknown as {fields: Record<string, AnyType>};
  return {
    LightClientHeader: t.LightClientHeader,
    LightClientBootstrap: t.LightClientBootstrap,
    LightClientUpdate: t.LightClientUpdate,
    LightClientFinalityUpdate: t.LightClientFinalityUpdate,
    LightClientOptimisticUpdate: t.LightClientOptimisticUpdate,
    SyncCommittee: t.SyncCommittee,
    FinalityBranch: update.fields.finalityBranch,
    NextSyncCommitteeBranch: update.fields.nextSyncCommitteeBranch,
    CurrentSyncCommitteeBranch: bootstrap.fields.currentSyncCommitteeBranch,
    ExecutionPayloadHeader: header.fields.execution,
    ExecutionBranch: header.fields.executionBranch,
  };
}

/** The fork whose light-client containers carry data of `fork`: phase0 has none, so altair's. */
export function lightClientForkOf(fork: ForkName): LightClientFork {
  return fork === "phase0" ? "altair" : fork;
}

export function isPostCapella(fork: ForkName): boolean {
  return ForkSeq[fork] >= ForkSeq.capella;
}
