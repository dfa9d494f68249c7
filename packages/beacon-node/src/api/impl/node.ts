// /eth/v1/node/* (beacon-APIs apis/node). The node has no networking yet: it has no peers, and its
// identity is a placeholder (no ENR, no addresses, an empty metadata record) until libp2p arrives.
import {ApiError, type BeaconApiImpl} from "@hearth/api";
import type {ApiContext} from "./context.js";

type NodeApi = Pick<
  BeaconApiImpl,
  "getNetworkIdentity" | "getPeers" | "getPeer" | "getPeerCount" | "getNodeVersion" | "getNodeVersionV2" | "getSyncingStatus" | "getHealth"
>;

/** "Hearth/v0.1.0/linux-x64": client name, version, platform, as clients' version strings go. */
export function nodeVersionString(version: string): string {
  const v = version.startsWith("v") ? version : `v${version}`;
  return `Hearth/${v}/${process.platform}-${process.arch}`;
}

export function createNodeApi(ctx: ApiContext): NodeApi {
  return {
    async getNetworkIdentity() {
      if (ctx.network !== null) return {data: await ctx.network.getIdentity()};
      // Placeholder until the network exists: no ENR, no listening or discovery addresses, and the
      // metadata of a node subscribed to no attestation or sync committee subnet.
      return {
        data: {
          peerId: ctx.peerId ?? "",
          enr: "",
          p2pAddresses: [],
          discoveryAddresses: [],
          metadata: {seqNumber: 0n, attnets: "0x0000000000000000", syncnets: "0x00"},
        },
      };
    },

    // Without a network: no peers in any state.
    async getPeers({state, direction}) {
      return {data: ctx.network === null ? [] : await ctx.network.getPeers({states: state, directions: direction})};
    },
    async getPeer({peerId}) {
      const peer = ctx.network === null ? null : await ctx.network.getPeer(peerId);
      if (peer === null) throw new ApiError(404, `Peer not found: ${peerId}`);
      return {data: peer};
    },
    async getPeerCount() {
      const count = {disconnected: 0, connecting: 0, connected: 0, disconnecting: 0};
      for (const peer of ctx.network === null ? [] : await ctx.network.getPeers({})) count[peer.state]++;
      return {data: count};
    },

    async getNodeVersion() {
      return {data: {version: nodeVersionString(ctx.version)}};
    },

    /** ClientVersionV1 (execution-apis engine/identification.md): "HE" is not a registered code yet. */
    async getNodeVersionV2() {
      const version = ctx.version.startsWith("v") ? ctx.version : `v${ctx.version}`;
      return {data: {beaconNode: {code: "HE", name: "Hearth", version, commit: ctx.commit}}};
    },

    async getSyncingStatus() {
      return {data: ctx.chain.getSyncStatus(ctx.isElOffline())};
    },

    /** 200 ready, 206 syncing (or the status the caller asked for), 503 not initialized. */
    async getHealth({syncingStatus}) {
      if (!ctx.isInitialized()) return {data: 503};
      if (ctx.chain.getSyncStatus(ctx.isElOffline()).isSyncing) return {data: syncingStatus ?? 206};
      return {data: 200};
    },
  };
}
