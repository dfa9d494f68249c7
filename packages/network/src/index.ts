// The network surface: the libp2p host, gossip, req/resp, discovery and peers.
// First, so that libp2p's dependencies find Promise.withResolvers on Node 20.
import "./util/promiseWithResolvers.js";
export * from "./reqresp/index.js";
export * as encoding from "./encoding/index.js";
export * from "./gossip/index.js";
export * from "./custody/index.js";
export * from "./host/index.js";
export * from "./peers/index.js";
export * from "./discovery/index.js";
export * from "./subnets/index.js";
export * from "./network.js";
