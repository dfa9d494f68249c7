// /eth/v1/node/* (beacon-APIs apis/node).
import {enumParam, intParam, listParam, stringParam} from "../codecs/params.js";
import {NetworkIdentity, NodeVersion, NodeVersionV2, Peer, PeerCount, Peers, PEER_DIRECTIONS, PEER_STATES, SyncingStatus} from "../types/node.js";
import {dataResponse, defineRoute, optionalQueryArg, pathArg, statusResponse} from "./route.js";

export const nodeRoutes = {
  getNetworkIdentity: defineRoute({
    operationId: "getNetworkIdentity",
    method: "GET",
    path: "/eth/v1/node/identity",
    args: {},
    response: dataResponse(NetworkIdentity),
  }),
  getPeers: defineRoute({
    operationId: "getPeers",
    method: "GET",
    path: "/eth/v1/node/peers",
    args: {
      state: optionalQueryArg("state", listParam(enumParam(PEER_STATES))),
      direction: optionalQueryArg("direction", listParam(enumParam(PEER_DIRECTIONS))),
    },
    response: dataResponse(Peers, {jsonExtra: (peers) => ({meta: {count: peers.length}})}),
  }),
  getPeer: defineRoute({
    operationId: "getPeer",
    method: "GET",
    path: "/eth/v1/node/peers/{peer_id}",
    args: {peerId: pathArg("peer_id", stringParam)},
    response: dataResponse(Peer),
  }),
  getPeerCount: defineRoute({
    operationId: "getPeerCount",
    method: "GET",
    path: "/eth/v1/node/peer_count",
    args: {},
    response: dataResponse(PeerCount),
  }),
  getNodeVersion: defineRoute({
    operationId: "getNodeVersion",
    method: "GET",
    path: "/eth/v1/node/version",
    args: {},
    response: dataResponse(NodeVersion),
  }),
  /** The beacon node's ClientVersionV1, and the execution client's when the node knows it. */
  getNodeVersionV2: defineRoute({
    operationId: "getNodeVersionV2",
    method: "GET",
    path: "/eth/v2/node/version",
    args: {},
    response: dataResponse(NodeVersionV2),
  }),
  getSyncingStatus: defineRoute({
    operationId: "getSyncingStatus",
    method: "GET",
    path: "/eth/v1/node/syncing",
    args: {},
    response: dataResponse(SyncingStatus),
  }),
  /** 200 ready, 206 syncing (or the status asked for by syncing_status), 503 not ready. */
  getHealth: defineRoute({
    operationId: "getHealth",
    method: "GET",
    path: "/eth/v1/node/health",
    args: {syncingStatus: optionalQueryArg("syncing_status", intParam(100, 599))},
    response: statusResponse([200, 206, 503]),
  }),
};
