import type {CachedBeaconState} from "../types.js";

/** process_operations — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processOperations(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_operations");
}
