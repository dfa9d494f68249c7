// /eth/v1/beacon/rewards/* (beacon-APIs apis/beacon/rewards) from chain/rewards: the block's
// pre-state is regenerated from its parent, the epoch's from the canonical state at the end of the
// following epoch (or the head while that epoch runs).
import {ApiError, type BeaconApiImpl, type ValidatorId} from "@hearth/api";
import {toHex} from "@hearth/config";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {computeAttestationRewards, computeBlockRewards, computeSyncCommitteeRewards, RewardsError, RewardsErrorCode} from "../../chain/rewards/index.js";
import type {ApiContext} from "./context.js";
import {resolveBlockId, type ResolvedBlock} from "./resolve.js";
import {validatorIndexOf} from "./beacon/validators.js";

type RewardsApi = Pick<BeaconApiImpl, "getBlockRewards" | "getAttestationsRewards" | "getSyncCommitteeRewards">;

function indicesOf(cs: CachedBeaconState, ids: ValidatorId[] | undefined): number[] | null {
  if (ids === undefined || ids.length === 0) return null;
  return ids.map((id) => {
    const index = validatorIndexOf(cs, id);
    if (index === null) throw new ApiError(400, `Invalid validator ID: ${String(id)} is not a known validator`);
    return index;
  });
}

function asApiError(e: unknown): unknown {
  if (!(e instanceof RewardsError)) return e;
  return new ApiError(e.code === RewardsErrorCode.UNKNOWN_VALIDATOR || e.code === RewardsErrorCode.PRE_ALTAIR ? 400 : 404, e.message);
}

export function createRewardsApi(ctx: ApiContext): RewardsApi {
  const {chain} = ctx;

  /** The block's pre-state: its parent's post-state advanced to the block's slot. */
  async function preStateOf(found: ResolvedBlock): Promise<CachedBeaconState> {
    const block = found.block.message;
    if (block.slot === 0) throw new ApiError(404, "The genesis block has no rewards");
    try {
      return await chain.regen.getPreState(toHex(block.parentRoot), block.slot);
    } catch (e) {
      throw new ApiError(404, `Block or required state not found: ${(e as Error).message}`);
    }
  }

  return {
    async getBlockRewards({blockId}) {
      const found = await resolveBlockId(ctx, blockId);
      const pre = await preStateOf(found);
      try {
        const data = computeBlockRewards(pre, found.block.message);
        return {data, meta: {executionOptimistic: found.executionOptimistic, finalized: found.finalized}};
      } catch (e) {
        throw asApiError(e);
      }
    },

    async getSyncCommitteeRewards({blockId, validatorIds}) {
      const found = await resolveBlockId(ctx, blockId);
      const pre = await preStateOf(found);
      try {
        const data = computeSyncCommitteeRewards(pre, found.block.message, indicesOf(pre, validatorIds));
        return {data, meta: {executionOptimistic: found.executionOptimistic, finalized: found.finalized}};
      } catch (e) {
        throw asApiError(e);
      }
    },

    async getAttestationsRewards({epoch, validatorIds}) {
      // the rewards of `epoch` are settled at the end of epoch + 1, from a state in that epoch
      const headEpoch = util.computeEpochAtSlot(chain.head.state.state.slot);
      if (epoch + 1 > headEpoch) throw new ApiError(404, `Epoch ${epoch} rewards are not available before epoch ${epoch + 1}`);
      const lastSlot = util.computeStartSlotAtEpoch(epoch + 2) - 1;
      const found = lastSlot >= chain.head.state.state.slot ? {state: chain.head.state, executionOptimistic: false, finalized: false} : await chain.getStateAtSlot(lastSlot);
      if (found === null) throw new ApiError(404, `State for epoch ${epoch} rewards not available`);
      try {
        const data = computeAttestationRewards(found.state, indicesOf(found.state, validatorIds));
        return {data, meta: {executionOptimistic: found.executionOptimistic, finalized: found.finalized}};
      } catch (e) {
        throw asApiError(e);
      }
    },
  };
}
