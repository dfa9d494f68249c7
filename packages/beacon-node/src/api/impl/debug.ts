// /eth/v2/debug/beacon/states/{state_id} (beacon-APIs apis/debug): the whole state. The server gets
// a view of it that serializes SSZ from the tree, the registry from a per-registry cache.
import {ApiError, type BeaconApiImpl, type ForkChoiceNode} from "@hearth/api";
import {fromHex} from "@hearth/config";
import {ExecutionStatus, type ProtoNode} from "@hearth/fork-choice";
import {ForkSeq} from "@hearth/params";
import {resolveBlockId} from "./resolve.js";
import type {ApiContext} from "./context.js";
import {resolveStateId} from "./resolve.js";
import {serializeState} from "./serializedState.js";

type DebugApi = Pick<BeaconApiImpl, "getStateV2" | "getDebugChainHeadsV2" | "getDebugForkChoice" | "getDebugDataColumnSidecars">;

const VALIDITY: Record<ExecutionStatus, ForkChoiceNode["validity"]> = {
  [ExecutionStatus.Valid]: "valid",
  [ExecutionStatus.PreMerge]: "valid",
  [ExecutionStatus.Syncing]: "optimistic",
  [ExecutionStatus.Invalid]: "invalid",
};

function forkChoiceNode(n: ProtoNode): ForkChoiceNode {
  return {
    slot: n.slot,
    blockRoot: fromHex(n.blockRoot),
    parentRoot: fromHex(n.parentRoot),
    justifiedEpoch: n.justified.epoch,
    finalizedEpoch: n.finalized.epoch,
    // weight is in effective-balance increments in the proto-array; the API counts Gwei
    weight: Math.floor(n.weight) * 1_000_000_000,
    validity: VALIDITY[n.executionStatus],
    executionBlockHash: n.executionPayloadBlockHash === null ? new Uint8Array(32) : fromHex(n.executionPayloadBlockHash),
    extraData: {state_root: n.stateRoot, proposer_index: String(n.proposerIndex), target_root: n.targetRoot},
  };
}

export function createDebugApi(ctx: ApiContext): DebugApi {
  return {
    async getStateV2({stateId}) {
      const resolved = await resolveStateId(ctx, stateId);
      const cs = resolved.state;
      return {
        // SSZ with the registry's bytes cached across requests (serializedState.ts); JSON from the value
        data: {serialize: () => serializeState(cs), toValue: () => cs.state.toValue()},
        meta: {version: resolved.state.fork, executionOptimistic: resolved.executionOptimistic, finalized: resolved.finalized},
      };
    },

    /** The leaves of the block tree fork choice holds. */
    async getDebugChainHeadsV2() {
      const nodes = ctx.chain.forkChoice.protoArray.nodes;
      const leaves = nodes.filter((n) => n.children.length === 0);
      return {data: leaves.map((n) => ({root: fromHex(n.blockRoot), slot: n.slot, executionOptimistic: n.executionStatus === ExecutionStatus.Syncing}))};
    },

    async getDebugForkChoice() {
      const fc = ctx.chain.forkChoice;
      const cp = (c: {epoch: number; root: string}): {epoch: number; root: Uint8Array} => ({epoch: c.epoch, root: fromHex(c.root)});
      return {
        data: {
          justifiedCheckpoint: cp(fc.justifiedCheckpoint),
          finalizedCheckpoint: cp(fc.finalizedCheckpoint),
          forkChoiceNodes: fc.protoArray.nodes.map(forkChoiceNode),
          extraData: {head_root: ctx.chain.head.node.blockRoot},
        },
      };
    },

    /**
     * A block without blob commitments has no columns; otherwise the columns the node stored (its
     * custody), 404 when it holds none.
     */
    async getDebugDataColumnSidecars({blockId, indices}) {
      const r = await resolveBlockId(ctx, blockId);
      if (ForkSeq[r.fork] < ForkSeq.fulu) throw new ApiError(400, `Invalid block_id: block ${blockId} is ${r.fork}, data columns exist from fulu`);
      const commitments = (r.block.message.body as {blobKzgCommitments: Uint8Array[]}).blobKzgCommitments;
      const columns = commitments.length === 0 ? [] : await ctx.chain.dataAvailability.getDataColumnSidecars(fromHex(r.root), indices !== undefined && indices.length > 0 ? indices : undefined);
      if (commitments.length > 0 && columns.length === 0) throw new ApiError(404, `Data column sidecars of block ${r.root} are not available`);
      return {data: columns, meta: {version: r.fork, executionOptimistic: r.executionOptimistic, finalized: r.finalized}};
    },
  };
}
