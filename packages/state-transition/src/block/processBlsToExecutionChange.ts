import type {CachedBeaconState} from "../types.js";

/** process_bls_to_execution_change — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processBlsToExecutionChange(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_bls_to_execution_change");
}
