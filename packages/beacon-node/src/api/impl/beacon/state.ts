// /eth/v1/beacon/genesis and /eth/v1/beacon/states/{state_id}/* (beacon-APIs apis/beacon/states).
import {ApiError, type BeaconApiImpl} from "@hearth/api";
import {ForkSeq, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SIZE, SYNC_COMMITTEE_SUBNET_COUNT, EPOCHS_PER_SYNC_COMMITTEE_PERIOD} from "@hearth/params";
import {util, type BeaconStatePostAltair, type CachedBeaconState, type EpochShuffling} from "@hearth/state-transition";
import type {ApiContext} from "../context.js";
import {resolveStateId, type ResolvedState} from "../resolve.js";
import {filterValidators, validatorIndexOf, validatorResponse} from "./validators.js";

type StateApi = Pick<
  BeaconApiImpl,
  | "getGenesis"
  | "getStateRoot"
  | "getStateFork"
  | "getStateFinalityCheckpoints"
  | "getStateValidators"
  | "postStateValidators"
  | "getStateValidator"
  | "getEpochCommittees"
  | "getEpochSyncCommittees"
>;

function metaOf(resolved: ResolvedState): {executionOptimistic: boolean; finalized: boolean} {
  return {executionOptimistic: resolved.executionOptimistic, finalized: resolved.finalized};
}

function shufflingAt(cs: CachedBeaconState, epoch: number): EpochShuffling {
  try {
    return cs.epochCtx.getShuffling(epoch);
  } catch {
    const stateEpoch = util.getCurrentEpoch(cs.state);
    throw new ApiError(400, `Epoch ${epoch} is not within one epoch of the state's epoch ${stateEpoch}`);
  }
}

/** The sync committee serving `epoch`: the state's current one, or the next in the period after. */
function syncCommitteeAt(cs: CachedBeaconState, epoch: number): Uint8Array[] {
  if (ForkSeq[cs.fork] < ForkSeq.altair) throw new ApiError(400, `No sync committees before altair (state fork ${cs.fork})`);
  const state = cs.state as BeaconStatePostAltair;
  const statePeriod = Math.floor(util.getCurrentEpoch(state) / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
  const period = Math.floor(epoch / EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
  if (period === statePeriod) return state.currentSyncCommittee.pubkeys.getAllReadonly();
  if (period === statePeriod + 1) return state.nextSyncCommittee.pubkeys.getAllReadonly();
  throw new ApiError(400, `Epoch ${epoch} is not in the state's sync committee period ${statePeriod} or the next`);
}

export function createStateApi(ctx: ApiContext): StateApi {
  const {chain} = ctx;
  return {
    async getGenesis() {
      return {data: {genesisTime: chain.genesisTime, genesisValidatorsRoot: chain.genesisValidatorsRoot, genesisForkVersion: ctx.config.GENESIS_FORK_VERSION}};
    },

    async getStateRoot({stateId}) {
      const resolved = await resolveStateId(ctx, stateId);
      return {data: {root: resolved.state.state.hashTreeRoot()}, meta: metaOf(resolved)};
    },

    async getStateFork({stateId}) {
      const resolved = await resolveStateId(ctx, stateId);
      return {data: resolved.state.state.fork.toValue(), meta: metaOf(resolved)};
    },

    async getStateFinalityCheckpoints({stateId}) {
      const resolved = await resolveStateId(ctx, stateId);
      const {state} = resolved.state;
      return {
        data: {
          previousJustified: state.previousJustifiedCheckpoint.toValue(),
          currentJustified: state.currentJustifiedCheckpoint.toValue(),
          finalized: state.finalizedCheckpoint.toValue(),
        },
        meta: metaOf(resolved),
      };
    },

    async getStateValidators({stateId, id, status}) {
      const resolved = await resolveStateId(ctx, stateId);
      return {data: filterValidators(resolved.state, id, status), meta: metaOf(resolved)};
    },

    async postStateValidators({stateId, query}) {
      const resolved = await resolveStateId(ctx, stateId);
      return {data: filterValidators(resolved.state, query?.ids, query?.statuses), meta: metaOf(resolved)};
    },

    async getStateValidator({stateId, validatorId}) {
      const resolved = await resolveStateId(ctx, stateId);
      const index = validatorIndexOf(resolved.state, validatorId);
      if (index === null) throw new ApiError(404, `Validator not found: ${validatorId}`);
      return {data: validatorResponse(resolved.state, index), meta: metaOf(resolved)};
    },

    /** The committees of `epoch` (the state's by default), optionally of one slot or committee index. */
    async getEpochCommittees({stateId, epoch, index, slot}) {
      const resolved = await resolveStateId(ctx, stateId);
      const cs = resolved.state;
      const targetEpoch = epoch ?? util.getCurrentEpoch(cs.state);
      if (slot !== undefined && util.computeEpochAtSlot(slot) !== targetEpoch) {
        throw new ApiError(400, `Slot ${slot} is not in epoch ${targetEpoch}`);
      }
      const shuffling = shufflingAt(cs, targetEpoch);
      const start = util.computeStartSlotAtEpoch(targetEpoch);
      const data = [];
      for (let i = 0; i < SLOTS_PER_EPOCH; i++) {
        if (slot !== undefined && start + i !== slot) continue;
        const committees = shuffling.committees[i];
        for (let c = 0; c < committees.length; c++) {
          if (index !== undefined && c !== index) continue;
          data.push({index: c, slot: start + i, validators: Array.from(committees[c])});
        }
      }
      return {data, meta: metaOf(resolved)};
    },

    /** The sync committee of `epoch`'s period as validator indices, and split into its subnets' subcommittees. */
    async getEpochSyncCommittees({stateId, epoch}) {
      const resolved = await resolveStateId(ctx, stateId);
      const cs = resolved.state;
      const pubkeys = syncCommitteeAt(cs, epoch ?? util.getCurrentEpoch(cs.state));
      const validators = pubkeys.map((pubkey) => {
        const index = cs.epochCtx.pubkeyCache.getIndex(cs.state, pubkey);
        if (index === null) throw new Error("sync committee member not in the validator registry");
        return index;
      });
      const size = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;
      const validatorAggregates = [];
      for (let i = 0; i < validators.length; i += size) validatorAggregates.push(validators.slice(i, i + size));
      return {data: {validators, validatorAggregates}, meta: metaOf(resolved)};
    },
  };
}
