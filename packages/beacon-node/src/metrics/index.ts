export {createBeaconMetrics, type BeaconMetrics} from "./beaconMetrics.js";
export {startMetricsServer, type MetricsServer} from "./server.js";
