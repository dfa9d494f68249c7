import type {CachedBeaconState} from "../types.js";

/** process_block_header — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function processBlockHeader(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: process_block_header");
}
