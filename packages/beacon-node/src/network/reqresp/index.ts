export {createReqRespHandlers, type ReqRespHandlerOptions} from "./handlers.js";
export {getLocalStatus, beaconConfigOf} from "./status.js";
