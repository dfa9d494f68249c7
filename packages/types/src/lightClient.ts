// The light-client containers of light-client/sync-protocol.md. Each fork changes only the header
// and (electra) the branch depths, so one function builds the set for a fork.
import {VectorCompositeType, type ContainerType} from "@chainsafe/ssz";
import {CURRENT_SYNC_COMMITTEE_GINDEX, EXECUTION_PAYLOAD_GINDEX, FINALIZED_ROOT_GINDEX, NEXT_SYNC_COMMITTEE_GINDEX} from "@hearth/params";
import {container} from "./container.js";
import * as p from "./primitive.js";
import {BeaconBlockHeader} from "./phase0.js";

/** The generalized indices of altair's state, which hold until electra grows the state past 32 fields. */
export const ALTAIR_STATE_GINDICES = {
  finalizedRoot: FINALIZED_ROOT_GINDEX,
  currentSyncCommittee: CURRENT_SYNC_COMMITTEE_GINDEX,
  nextSyncCommittee: NEXT_SYNC_COMMITTEE_GINDEX,
};

/** Vector[Bytes32, floorlog2(EXECUTION_PAYLOAD_GINDEX)] (capella). */
export const ExecutionBranch = new VectorCompositeType(p.Bytes32, Math.floor(Math.log2(EXECUTION_PAYLOAD_GINDEX)));

/** Capella's LightClientHeader (beacon header, execution header, branch), for a fork's execution header. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function executionLightClientHeader<E extends ContainerType<any>>(ExecutionPayloadHeader: E) {
  return container("LightClientHeader", {beacon: BeaconBlockHeader, execution: ExecutionPayloadHeader, executionBranch: ExecutionBranch});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContainer = ContainerType<any>;

/** Vector[Bytes32, floorlog2(gindex)]: the branch of a generalized index. */
export function branchType(gindex: number): VectorCompositeType<typeof p.Bytes32> {
  return new VectorCompositeType(p.Bytes32, Math.floor(Math.log2(gindex)));
}

export function lightClientTypes<H extends AnyContainer, S extends AnyContainer, A extends AnyContainer>(
  LightClientHeader: H,
  SyncCommittee: S,
  SyncAggregate: A,
  gindex: {finalizedRoot: number; currentSyncCommittee: number; nextSyncCommittee: number}
) {
  const FinalityBranch = branchType(gindex.finalizedRoot);
  const CurrentSyncCommitteeBranch = branchType(gindex.currentSyncCommittee);
  const NextSyncCommitteeBranch = branchType(gindex.nextSyncCommittee);
  return {
    FinalityBranch,
    CurrentSyncCommitteeBranch,
    NextSyncCommitteeBranch,
    LightClientHeader,
    LightClientBootstrap: container("LightClientBootstrap", {
      header: LightClientHeader,
      currentSyncCommittee: SyncCommittee,
      currentSyncCommitteeBranch: CurrentSyncCommitteeBranch,
    }),
    LightClientUpdate: container("LightClientUpdate", {
      attestedHeader: LightClientHeader,
      nextSyncCommittee: SyncCommittee,
      nextSyncCommitteeBranch: NextSyncCommitteeBranch,
      finalizedHeader: LightClientHeader,
      finalityBranch: FinalityBranch,
      syncAggregate: SyncAggregate,
      signatureSlot: p.Slot,
    }),
    LightClientFinalityUpdate: container("LightClientFinalityUpdate", {
      attestedHeader: LightClientHeader,
      finalizedHeader: LightClientHeader,
      finalityBranch: FinalityBranch,
      syncAggregate: SyncAggregate,
      signatureSlot: p.Slot,
    }),
    LightClientOptimisticUpdate: container("LightClientOptimisticUpdate", {
      attestedHeader: LightClientHeader,
      syncAggregate: SyncAggregate,
      signatureSlot: p.Slot,
    }),
  };
}
