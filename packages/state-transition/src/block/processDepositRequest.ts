import type {CachedBeaconState} from "../types.js";

/** process_deposit_request — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processDepositRequest(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_deposit_request");
}
