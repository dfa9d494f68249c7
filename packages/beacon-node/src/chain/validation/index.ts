// Gossip validation per topic (p2p-interface.md of each fork): throw GossipValidationError with
// IGNORE or REJECT exactly where the spec raises GossipIgnore / GossipReject.
export * from "./errors.js";
export * from "./context.js";
export * from "./seen.js";
export {validateGossipBlock, forkScheduleOf} from "./block.js";
export * from "./attestation.js";
export * from "./operations.js";
export * from "./syncCommittee.js";
export * from "./blobSidecar.js";
export {validateGossipDataColumnSidecar} from "./dataColumnSidecar.js";
export {validateGossipPartialDataColumnSidecar} from "./partialDataColumnSidecar.js";
export * from "./lightClient.js";
export * from "./blsBatch.js";
export * from "./chainContext.js";
