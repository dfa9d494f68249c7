// /eth/v1/beacon/genesis and /eth/v1/beacon/states/{state_id}/* (beacon-APIs apis/beacon/states).
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
import {bodyArg, dataResponse, defineRoute, optionalQueryArg, pathArg} from "../route.js";

const stateMeta = {meta: ["executionOptimistic", "finalized"] as const};
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
    response: dataResponse(ValidatorResponses, stateMeta),
  }),
  /** getStateValidators with the filters in the body, for id lists too long for a URL. */
  postStateValidators: defineRoute({
    operationId: "postStateValidators",
    method: "POST",
    path: "/eth/v1/beacon/states/{state_id}/validators",
    args: {stateId, query: bodyArg(ValidatorsQuery)},
    response: dataResponse(ValidatorResponses, stateMeta),
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
};
