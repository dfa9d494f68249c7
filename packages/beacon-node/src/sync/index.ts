// Sync: checkpoint sync (an anchor from a trusted Beacon API or a state file) and range sync (the
// chain from peers' beacon_blocks_by_range up to their heads).
export * from "./checkpoint/index.js";
export * from "./range/index.js";
