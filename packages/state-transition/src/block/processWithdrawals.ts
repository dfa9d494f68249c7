import type {CachedBeaconState} from "../types.js";

/** process_withdrawals — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processWithdrawals(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_withdrawals");
}
