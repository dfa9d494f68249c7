import type {CachedBeaconState} from "../types.js";

/** process_sync_aggregate — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processSyncAggregate(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_sync_aggregate");
}
