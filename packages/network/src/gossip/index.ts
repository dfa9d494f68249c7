// Gossip: topics, message-id and snappy encoding, gossipsub factory and scoring, the Gossip class.
export * from "./interface.js";
export * from "./topic.js";
export * from "./encoding.js";
export * from "./scoring.js";
export * from "./gossipsub.js";
export * from "./queue.js";
export * from "./gossip.js";
