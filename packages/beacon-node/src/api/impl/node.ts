// /eth/v1/node/* (beacon-APIs apis/node). The node has no networking yet: it has no peers, and its
// identity is a placeholder (no ENR, no addresses, an empty metadata record) until libp2p arrives.
import {ApiError, type BeaconApiImpl} from "@hearth/api";
import type {ApiContext} from "./context.js";

type NodeApi = Pick<
  BeaconApiImpl,
  "getNetworkIdentity" | "getPeers" | "getPeer" | "getPeerCount" | "getNodeVersion" | "getSyncingStatus" | "getHealth"
>;

/** "Hearth/v0.1.0/linux-x64": client name, version, platform, as clients' version strings go. */
export function nodeVersionString(version: string): string {
  const v = version.startsWith("v") ? version : `v${version}`;
  return `Hearth/${v}/${process.platform}-${process.arch}`;
}

export function createNodeApi(ctx: ApiContext): NodeApi {
  return {
    async getNetworkIdentity() {
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

    // No networking yet: no peers in any state.
    async getPeers() {
      return {data: []};
    },
    async getPeer({peerId}) {
      throw new ApiError(404, `Peer not found: ${peerId}`);
    },
    async getPeerCount() {
      return {data: {disconnected: 0, connecting: 0, connected: 0, disconnecting: 0}};
    },

    async getNodeVersion() {
      return {data: {version: nodeVersionString(ctx.version)}};
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
