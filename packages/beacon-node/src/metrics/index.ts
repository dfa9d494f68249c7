export {createBeaconMetrics, type BeaconMetrics} from "./beaconMetrics.js";
export {startMetricsServer, type MetricsServer} from "@hearth/api";
export {instrumentBlsVerifier, type SignatureSetVerifier} from "./blsPoolMetrics.js";
export {trackBlockImport} from "./blockImportMetrics.js";
export {trackNetworkMetrics, trackNodeNetworkMetrics, withReqRespMetrics, protocolNameOf, type NetworkMetricsSource, type SyncMetricsSource} from "./networkMetrics.js";
