import type {CachedBeaconState} from "../types.js";

/** process_eth1_data — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processEth1Data(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_eth1_data");
}
