import type {CachedBeaconState} from "../types.js";

/** process_epoch — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processEpoch(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_epoch");
}
