export {createHost, DEFAULT_AGENT_VERSION} from "./libp2p.js";
export type {Host, HostOptions, HostServices} from "./libp2p.js";
export {loadOrCreatePrivateKey, readPrivateKey, writePrivateKey, PEER_ID_FILE} from "./peerId.js";
export {NetworkError, NetworkErrorCode} from "./errors.js";
export type {NetworkLogger} from "./logger.js";
export {silentLogger, childLogger} from "./logger.js";
