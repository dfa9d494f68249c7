// Light-client data for every fork from altair: the sync protocol (the light client's store), the full
// node's construction of bootstraps and updates, and the fork upgrades of both.
export * from "./types.js";
export * from "./errors.js";
export * from "./helpers.js";
export * from "./upgrade.js";
export * from "./store.js";
export * from "./fullNode.js";
