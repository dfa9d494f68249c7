import type {CachedBeaconState} from "../types.js";

/** upgrade_to_<fork> — not written yet. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
export function upgradeStateToFork(cs: CachedBeaconState, ...args: any[]): void {
  throw new Error("not implemented: upgrade_to_<fork>");
}
