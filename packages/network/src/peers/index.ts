export * from "./score.js";
export {GoodbyeReasonCode, goodbyeReasonName} from "./goodbye.js";
export {checkPeerStatus, StatusVerdict} from "./statusCheck.js";
export type {FinalizedCheckpointChecker} from "./statusCheck.js";
export {PeerManager} from "./peerManager.js";
export type {PeerInfo, PeerDirection, PeerManagerOptions, PeerManagerEvents, PeerReqResp} from "./peerManager.js";
