import type {CachedBeaconState} from "../types.js";

/** process_consolidation_request — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processConsolidationRequest(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_consolidation_request");
}
