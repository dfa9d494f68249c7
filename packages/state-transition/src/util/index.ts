// Spec helper functions, for the other packages (fork choice, the node, the validator client).
export * from "./epoch.js";
export * from "./validator.js";
export * from "./balance.js";
export * from "./seed.js";
export * from "./domain.js";
export * from "./attestation.js";
export * from "./churn.js";
export * from "./exit.js";
export * from "./slash.js";
export * from "./registry.js";
export * from "./proposer.js";
