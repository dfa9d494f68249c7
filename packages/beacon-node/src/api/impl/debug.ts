// /eth/v2/debug/beacon/states/{state_id} (beacon-APIs apis/debug): the whole state. The state's
// tree view is handed to the server, which serializes SSZ straight from the tree.
import type {BeaconApiImpl} from "@hearth/api";
import type {ApiContext} from "./context.js";
import {resolveStateId} from "./resolve.js";

type DebugApi = Pick<BeaconApiImpl, "getStateV2">;

export function createDebugApi(ctx: ApiContext): DebugApi {
  return {
    async getStateV2({stateId}) {
      const resolved = await resolveStateId(ctx, stateId);
      return {
        data: resolved.state.state,
        meta: {version: resolved.state.fork, executionOptimistic: resolved.executionOptimistic, finalized: resolved.finalized},
      };
    },
  };
}
