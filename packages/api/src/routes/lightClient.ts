// /eth/v1/beacon/light_client/* (beacon-APIs apis/beacon/light_client): light-client data in the
// containers of the fork its header belongs to, named by the `version` field (and, for SSZ, the
// Eth-Consensus-Version header).
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {SszCodec} from "../codecs/codec.js";
import {jsonArray, jsonEnum, jsonObject} from "../codecs/json.js";
import type {JsonCodec} from "../codecs/codec.js";
import {intParam, rootParam, uintParam} from "../codecs/params.js";
import {FORK_NAMES} from "@hearth/params";
import {byFork, dataResponse, defineRoute, pathArg, queryArg, type SszChunk} from "./route.js";

type LcTypeName = "LightClientBootstrap" | "LightClientUpdate" | "LightClientFinalityUpdate" | "LightClientOptimisticUpdate";

/** The fork's light-client container; phase0 has none, so a phase0 request is answered with altair's. */
function lcCodec(name: LcTypeName): (fork: ForkName) => SszCodec<unknown> {
  return (fork) => (sszTypesFor(fork === "phase0" ? "altair" : fork) as unknown as Record<LcTypeName, SszCodec<unknown>>)[name];
}

/** One entry of getLightClientUpdatesByRange: an update with the fork of its attested header. */
export interface VersionedLightClientUpdate {
  version: ForkName;
  data: unknown;
  /**
   * The SSZ chunk's context: the fork digest at the epoch of the attested header's slot. The server
   * needs it for an SSZ answer; JSON does not carry it.
   */
  forkDigest?: Uint8Array;
}

const versionCodec = jsonEnum(FORK_NAMES);
const versionedUpdate: JsonCodec<VersionedLightClientUpdate> = {
  toJson: (v) => ({version: versionCodec.toJson(v.version), data: lcCodec("LightClientUpdate")(v.version).toJson(v.data)}),
  fromJson(json) {
    const {version} = jsonObject({version: versionCodec}).fromJson(json);
    return {version, data: lcCodec("LightClientUpdate")(version).fromJson((json as {data: unknown}).data)};
  },
};

function updateChunk(u: VersionedLightClientUpdate): SszChunk {
  if (u.forkDigest === undefined) throw new Error("a light-client update without its fork digest cannot be sent as SSZ");
  return {context: u.forkDigest, payload: lcCodec("LightClientUpdate")(u.version).serialize(u.data)};
}

/** MAX_REQUEST_LIGHT_CLIENT_UPDATES (altair light-client/p2p-interface.md) */
export const MAX_REQUEST_LIGHT_CLIENT_UPDATES = 128;

export const lightClientRoutes = {
  getLightClientBootstrap: defineRoute({
    operationId: "getLightClientBootstrap",
    method: "GET",
    path: "/eth/v1/beacon/light_client/bootstrap/{block_root}",
    args: {blockRoot: pathArg("block_root", rootParam)},
    response: dataResponse(byFork(lcCodec("LightClientBootstrap")), {meta: ["version"], ssz: true}),
  }),
  getLightClientUpdatesByRange: defineRoute({
    operationId: "getLightClientUpdatesByRange",
    method: "GET",
    path: "/eth/v1/beacon/light_client/updates",
    args: {startPeriod: queryArg("start_period", uintParam), count: queryArg("count", intParam(0, Number.MAX_SAFE_INTEGER))},
    // JSON: the bare array of {version, data}; SSZ: one response chunk per update, its context the fork digest
    response: dataResponse(jsonArray(versionedUpdate), {unwrapped: true, sszChunks: (updates) => updates.map(updateChunk)}),
  }),
  getLightClientFinalityUpdate: defineRoute({
    operationId: "getLightClientFinalityUpdate",
    method: "GET",
    path: "/eth/v1/beacon/light_client/finality_update",
    args: {},
    response: dataResponse(byFork(lcCodec("LightClientFinalityUpdate")), {meta: ["version"], ssz: true}),
  }),
  getLightClientOptimisticUpdate: defineRoute({
    operationId: "getLightClientOptimisticUpdate",
    method: "GET",
    path: "/eth/v1/beacon/light_client/optimistic_update",
    args: {},
    response: dataResponse(byFork(lcCodec("LightClientOptimisticUpdate")), {meta: ["version"], ssz: true}),
  }),
};
