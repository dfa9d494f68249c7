import {SLOTS_PER_HISTORICAL_ROOT} from "@hearth/params";
import type {BeaconStateAllForks} from "../types.js";

/** process_slot (phase0 beacon-chain.md): cache the state root and block root of the slot just ended. */
export function processSlot(state: BeaconStateAllForks): void {
  const previousStateRoot = state.hashTreeRoot();
  state.stateRoots.set(state.slot % SLOTS_PER_HISTORICAL_ROOT, previousStateRoot);
  if (isZero(state.latestBlockHeader.stateRoot)) state.latestBlockHeader.stateRoot = previousStateRoot;
  const previousBlockRoot = state.latestBlockHeader.hashTreeRoot();
  state.blockRoots.set(state.slot % SLOTS_PER_HISTORICAL_ROOT, previousBlockRoot);
}

function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false;
  return true;
}
