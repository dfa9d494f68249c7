// /eth/v1/beacon/light_client/* from the chain's light-client server (chain/lightClient): 404 when
// the server holds no such data yet.
import {ApiError, type BeaconApiImpl} from "@hearth/api";
import {toHex} from "@hearth/config";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import type {ApiContext} from "./context.js";

/** MAX_REQUEST_LIGHT_CLIENT_UPDATES (altair light-client/p2p-interface.md) */
const MAX_REQUEST_LIGHT_CLIENT_UPDATES = 128;

type LightClientApi = Pick<
  BeaconApiImpl,
  "getLightClientBootstrap" | "getLightClientUpdatesByRange" | "getLightClientFinalityUpdate" | "getLightClientOptimisticUpdate"
>;

export function createLightClientApi(ctx: ApiContext): LightClientApi {
  const server = ctx.chain.lightClientServer;
  return {
    async getLightClientBootstrap({blockRoot}) {
      const found = server.getBootstrap(toHex(blockRoot));
      if (found === null) throw new ApiError(404, `No light-client bootstrap for block ${toHex(blockRoot)}`);
      return {data: found.data, meta: {version: found.fork}};
    },
    async getLightClientUpdatesByRange({startPeriod, count}) {
      if (count < 1) throw new ApiError(400, "Invalid count: must be at least 1");
      const updates = server.getUpdates(startPeriod, Math.min(count, MAX_REQUEST_LIGHT_CLIENT_UPDATES));
      // the SSZ chunk's context: the digest at the attested header's epoch (light-client p2p-interface.md)
      return {
        data: updates.map((u) => ({
          version: u.fork,
          data: u.data,
          forkDigest: ctx.beaconConfig.forkDigestAtEpoch(Math.floor(u.data.attestedHeader.beacon.slot / SLOTS_PER_EPOCH)),
        })),
      };
    },
    async getLightClientFinalityUpdate() {
      const found = server.getFinalityUpdate();
      if (found === null) throw new ApiError(404, "No light-client finality update available");
      return {data: found.data, meta: {version: found.fork}};
    },
    async getLightClientOptimisticUpdate() {
      const found = server.getOptimisticUpdate();
      if (found === null) throw new ApiError(404, "No light-client optimistic update available");
      return {data: found.data, meta: {version: found.fork}};
    },
  };
}
