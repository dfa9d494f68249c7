export {BeaconNodes, isNodeFailure, type BeaconNodesOptions} from "./beaconNodes.js";
