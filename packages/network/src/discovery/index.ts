export * from "./enr.js";
export {parseBootnodes} from "./bootnodes.js";
export {Discovery, toDiscoveredPeer} from "./discovery.js";
export type {DiscoveredPeer, DiscoveryOptions} from "./discovery.js";
