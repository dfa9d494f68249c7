// The rewards the Beacon API reports (beacon-APIs apis/beacon/rewards), computed with the state
// transition's own functions.
export * from "./errors.js";
export * from "./attestationRewards.js";
export * from "./blockRewards.js";
