// The network surface: the libp2p host, gossip, req/resp, discovery and peers.
// First, so that libp2p's dependencies find Promise.withResolvers on Node 20.
import "./util/promiseWithResolvers.js";
