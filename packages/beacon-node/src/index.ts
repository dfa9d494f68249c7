// The beacon node's public surface: the node wiring, the chain, execution, API implementation,
// metrics and logging.
export * from "./execution/index.js";
export * from "./chain/index.js";
export * from "./chain/validation/index.js";
export * from "./network/gossip/index.js";
export * from "./metrics/index.js";
export * from "./logger/index.js";
// The node-wide no-op logger; the chain's own is the same shape.
export {noopLogger} from "./logger/index.js";
export {BeaconNode, nodeConfigRecord, type BeaconNodeOptions} from "./node/beaconNode.js";
export {createDevGenesis, devChainConfig, genesisFork, type DevChainOptions} from "./node/devGenesis.js";
export {NodeError, NodeErrorCode} from "./node/errors.js";
export {nodeIdFromPeerId} from "./node/nodeId.js";
export * from "./sync/index.js";
export type {NodeNetworkOptions, NodeNetwork} from "./node/nodeNetwork.js";
export * from "./network/reqresp/index.js";
export {previousEpochParticipation} from "./node/status.js";
export {createBeaconApiImpl, nodeVersionString, type BeaconApiImplOptions, type BeaconApiImplHandle} from "./api/index.js";
