export * from "./interface.js";
export {ReqResp, type ReqRespOptions} from "./reqResp.js";
export {RequestError, RequestErrorCode, type RequestErrorDetail} from "./errors.js";
export {ReqRespMethod, PROTOCOLS, protocolId, protocolById, type Protocol} from "./protocols.js";
export {DEFAULT_QUOTAS, RateLimiter, type Quota} from "./rateLimiter.js";
export {MAX_CONCURRENT_REQUESTS} from "./inbound.js";
export {maxRequestBlocks, maxRequestBlobSidecars, computeMaxRequestDataColumnSidecars} from "./limits.js";
export {dataColumnSidecarFault} from "./dataColumns.js";
