import type {CachedBeaconState} from "../types.js";

/** process_execution_payload — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processExecutionPayload(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_execution_payload");
}

/** is_execution_enabled (bellatrix) — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function isExecutionEnabled(cs: CachedBeaconState, body: any): boolean {
  throw new Error("not implemented: is_execution_enabled");
}
