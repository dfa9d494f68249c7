// /eth/v1/beacon/states/{state_id}/{validator_balances, validator_identities, randao,
// pending_*, proposer_lookahead} (beacon-APIs apis/beacon/states).
import {ApiError, type BeaconApiImpl, type ValidatorBalance, type ValidatorId, type ValidatorIdentity} from "@hearth/api";
import {EPOCHS_PER_HISTORICAL_VECTOR, ForkSeq} from "@hearth/params";
import {util, type BeaconStateElectra, type BeaconStateFulu, type CachedBeaconState} from "@hearth/state-transition";
import type {ApiContext} from "../context.js";
import {resolveStateId, type ResolvedState} from "../resolve.js";
import {validatorIndexOf} from "./validators.js";

type StateExtraApi = Pick<
  BeaconApiImpl,
  | "getStateValidatorBalances"
  | "postStateValidatorBalances"
  | "postStateValidatorIdentities"
  | "getStateRandao"
  | "getPendingDeposits"
  | "getPendingPartialWithdrawals"
  | "getPendingConsolidations"
  | "getProposerLookahead"
>;

function metaOf(r: ResolvedState): {executionOptimistic: boolean; finalized: boolean} {
  return {executionOptimistic: r.executionOptimistic, finalized: r.finalized};
}

/** The indices named by `ids` (every validator when none), each once; unknown ids are left out, as the spec allows. */
function selectIndices(cs: CachedBeaconState, ids: ValidatorId[] | undefined): number[] {
  if (ids === undefined || ids.length === 0) return Array.from({length: cs.state.validators.length}, (_, i) => i);
  const seen = new Set<number>();
  for (const id of ids) {
    const index = validatorIndexOf(cs, id);
    if (index !== null) seen.add(index);
  }
  return [...seen];
}

function balances(cs: CachedBeaconState, ids: ValidatorId[] | undefined): ValidatorBalance[] {
  const all = cs.state.balances.getAll();
  return selectIndices(cs, ids).map((index) => ({index, balance: all[index]}));
}

function identities(cs: CachedBeaconState, ids: ValidatorId[] | undefined): ValidatorIdentity[] {
  return selectIndices(cs, ids).map((index) => {
    const v = cs.state.validators.getReadonly(index);
    return {index, pubkey: v.pubkey, activationEpoch: v.activationEpoch};
  });
}

function requireFork(r: ResolvedState, fork: "electra" | "fulu", what: string): void {
  if (ForkSeq[r.state.fork] < ForkSeq[fork]) throw new ApiError(400, `Invalid state_id: the state is ${r.state.fork}, ${what} exist from ${fork}`);
}

export function createStateExtraApi(ctx: ApiContext): StateExtraApi {
  return {
    async getStateValidatorBalances({stateId, id}) {
      const r = await resolveStateId(ctx, stateId);
      return {data: balances(r.state, id), meta: metaOf(r)};
    },
    async postStateValidatorBalances({stateId, ids}) {
      const r = await resolveStateId(ctx, stateId);
      return {data: balances(r.state, ids), meta: metaOf(r)};
    },
    async postStateValidatorIdentities({stateId, ids}) {
      const r = await resolveStateId(ctx, stateId);
      return {data: identities(r.state, ids), meta: metaOf(r)};
    },

    /** randao_mixes of `epoch` (the state's by default), as long as the vector still holds it. */
    async getStateRandao({stateId, epoch}) {
      const r = await resolveStateId(ctx, stateId);
      const current = util.getCurrentEpoch(r.state.state);
      const target = epoch ?? current;
      if (target > current || current - target >= EPOCHS_PER_HISTORICAL_VECTOR) {
        throw new ApiError(400, `Invalid query param epoch: ${target} is out of range for the randao_mixes of a state at epoch ${current}`);
      }
      return {data: {randao: util.getRandaoMix(r.state.state, target)}, meta: metaOf(r)};
    },

    async getPendingDeposits({stateId}) {
      const r = await resolveStateId(ctx, stateId);
      requireFork(r, "electra", "pending deposits");
      return {data: (r.state.state as BeaconStateElectra).pendingDeposits.getAllReadonlyValues(), meta: {version: r.state.fork, ...metaOf(r)}};
    },
    async getPendingPartialWithdrawals({stateId}) {
      const r = await resolveStateId(ctx, stateId);
      requireFork(r, "electra", "pending partial withdrawals");
      return {data: (r.state.state as BeaconStateElectra).pendingPartialWithdrawals.getAllReadonlyValues(), meta: {version: r.state.fork, ...metaOf(r)}};
    },
    async getPendingConsolidations({stateId}) {
      const r = await resolveStateId(ctx, stateId);
      requireFork(r, "electra", "pending consolidations");
      return {data: (r.state.state as BeaconStateElectra).pendingConsolidations.getAllReadonlyValues(), meta: {version: r.state.fork, ...metaOf(r)}};
    },
    async getProposerLookahead({stateId}) {
      const r = await resolveStateId(ctx, stateId);
      requireFork(r, "fulu", "proposer lookaheads");
      return {data: Array.from((r.state.state as BeaconStateFulu).proposerLookahead.getAll()), meta: {version: r.state.fork, ...metaOf(r)}};
    },
  };
}
