// /eth/v1/beacon/genesis and /eth/v1/beacon/states/{state_id}/* (beacon-APIs apis/beacon/states).
import {validatorsJsonChunks} from "../../types/validatorsJson.js";
import {phase0} from "@hearth/types";
import {enumParam, listParam, stateIdParam, uintParam, validatorIdParam} from "../../codecs/params.js";
import {
  Committees,
  EpochSyncCommittee,
  FinalityCheckpoints,
  Genesis,
  RootResponse,
  ValidatorResponse,
  ValidatorResponses,
  ValidatorsQuery,
  VALIDATOR_STATUS_FILTERS,
} from "../../types/beacon.js";
import {PendingConsolidations, PendingDeposits, PendingPartialWithdrawals, ProposerLookahead, Randao, ValidatorBalances, ValidatorIdentities, ValidatorIdList} from "../../types/stateExtra.js";
import {bodyArg, dataResponse, defineRoute, optionalBodyArg, optionalQueryArg, pathArg} from "../route.js";

const stateMeta = {meta: ["executionOptimistic", "finalized"] as const};
const stateSszMeta = {meta: ["executionOptimistic", "finalized"] as const, ssz: true};
const versionedStateMeta = {meta: ["version", "executionOptimistic", "finalized"] as const, ssz: true};
const stateId = pathArg("state_id", stateIdParam);

export const stateRoutes = {
  getGenesis: defineRoute({
    operationId: "getGenesis",
    method: "GET",
    path: "/eth/v1/beacon/genesis",
    args: {},
    response: dataResponse(Genesis),
  }),
  getStateRoot: defineRoute({
    operationId: "getStateRoot",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/root",
    args: {stateId},
    response: dataResponse(RootResponse, stateMeta),
  }),
  getStateFork: defineRoute({
    operationId: "getStateFork",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/fork",
    args: {stateId},
    response: dataResponse(phase0.Fork, stateMeta),
  }),
  getStateFinalityCheckpoints: defineRoute({
    operationId: "getStateFinalityCheckpoints",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/finality_checkpoints",
    args: {stateId},
    response: dataResponse(FinalityCheckpoints, stateMeta),
  }),
  getStateValidators: defineRoute({
    operationId: "getStateValidators",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/validators",
    args: {
      stateId,
      id: optionalQueryArg("id", listParam(validatorIdParam)),
      status: optionalQueryArg("status", listParam(enumParam(VALIDATOR_STATUS_FILTERS))),
    },
    response: dataResponse(ValidatorResponses, {...stateSszMeta, jsonDataChunks: validatorsJsonChunks}),
  }),
  /** getStateValidators with the filters in the body, for id lists too long for a URL. */
  postStateValidators: defineRoute({
    operationId: "postStateValidators",
    method: "POST",
    path: "/eth/v1/beacon/states/{state_id}/validators",
    args: {stateId, query: optionalBodyArg(ValidatorsQuery)},
    response: dataResponse(ValidatorResponses, {...stateSszMeta, jsonDataChunks: validatorsJsonChunks}),
  }),
  getStateValidator: defineRoute({
    operationId: "getStateValidator",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/validators/{validator_id}",
    args: {stateId, validatorId: pathArg("validator_id", validatorIdParam)},
    response: dataResponse(ValidatorResponse, stateMeta),
  }),
  getEpochCommittees: defineRoute({
    operationId: "getEpochCommittees",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/committees",
    args: {
      stateId,
      epoch: optionalQueryArg("epoch", uintParam),
      index: optionalQueryArg("index", uintParam),
      slot: optionalQueryArg("slot", uintParam),
    },
    response: dataResponse(Committees, stateMeta),
  }),
  getEpochSyncCommittees: defineRoute({
    operationId: "getEpochSyncCommittees",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/sync_committees",
    args: {stateId, epoch: optionalQueryArg("epoch", uintParam)},
    response: dataResponse(EpochSyncCommittee, stateMeta),
  }),
  getStateValidatorBalances: defineRoute({
    operationId: "getStateValidatorBalances",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/validator_balances",
    args: {stateId, id: optionalQueryArg("id", listParam(validatorIdParam))},
    response: dataResponse(ValidatorBalances, stateSszMeta),
  }),
  postStateValidatorBalances: defineRoute({
    operationId: "postStateValidatorBalances",
    method: "POST",
    path: "/eth/v1/beacon/states/{state_id}/validator_balances",
    args: {stateId, ids: optionalBodyArg(ValidatorIdList)},
    response: dataResponse(ValidatorBalances, stateSszMeta),
  }),
  postStateValidatorIdentities: defineRoute({
    operationId: "postStateValidatorIdentities",
    method: "POST",
    path: "/eth/v1/beacon/states/{state_id}/validator_identities",
    args: {stateId, ids: optionalBodyArg(ValidatorIdList)},
    response: dataResponse(ValidatorIdentities, stateSszMeta),
  }),
  getStateRandao: defineRoute({
    operationId: "getStateRandao",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/randao",
    args: {stateId, epoch: optionalQueryArg("epoch", uintParam)},
    response: dataResponse(Randao, stateMeta),
  }),
  getPendingDeposits: defineRoute({
    operationId: "getPendingDeposits",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/pending_deposits",
    args: {stateId},
    response: dataResponse(PendingDeposits, versionedStateMeta),
  }),
  getPendingPartialWithdrawals: defineRoute({
    operationId: "getPendingPartialWithdrawals",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/pending_partial_withdrawals",
    args: {stateId},
    response: dataResponse(PendingPartialWithdrawals, versionedStateMeta),
  }),
  getPendingConsolidations: defineRoute({
    operationId: "getPendingConsolidations",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/pending_consolidations",
    args: {stateId},
    response: dataResponse(PendingConsolidations, versionedStateMeta),
  }),
  getProposerLookahead: defineRoute({
    operationId: "getProposerLookahead",
    method: "GET",
    path: "/eth/v1/beacon/states/{state_id}/proposer_lookahead",
    args: {stateId},
    response: dataResponse(ProposerLookahead, versionedStateMeta),
  }),
};
