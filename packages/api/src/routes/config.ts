// /eth/v1/config/* (beacon-APIs apis/config).
import {ListCompositeType} from "@chainsafe/ssz";
import {phase0, ssz} from "@hearth/types";
import {jsonRecord} from "../codecs/json.js";
import {API_LIST_LIMIT, apiContainer} from "../types/container.js";
import {dataResponse, defineRoute} from "./route.js";

export const ForkSchedule = new ListCompositeType(phase0.Fork, API_LIST_LIMIT);
export const DepositContract = apiContainer("DepositContract", {chainId: ssz.UintNum64, address: ssz.ExecutionAddress});

export const configRoutes = {
  /** The chain config, preset and constants, every value a string (chainConfigToJson of @hearth/config). */
  getSpec: defineRoute({
    operationId: "getSpec",
    method: "GET",
    path: "/eth/v1/config/spec",
    args: {},
    response: dataResponse(jsonRecord),
  }),
  getForkSchedule: defineRoute({
    operationId: "getForkSchedule",
    method: "GET",
    path: "/eth/v1/config/fork_schedule",
    args: {},
    response: dataResponse(ForkSchedule),
  }),
  getDepositContract: defineRoute({
    operationId: "getDepositContract",
    method: "GET",
    path: "/eth/v1/config/deposit_contract",
    args: {},
    response: dataResponse(DepositContract),
  }),
};
