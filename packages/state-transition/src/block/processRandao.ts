import type {CachedBeaconState} from "../types.js";

/** process_randao — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processRandao(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_randao");
}
