// Slot and epoch arithmetic of phase0 beacon-chain.md "Helper functions / Math and Misc".
import {MAX_SEED_LOOKAHEAD, SLOTS_PER_EPOCH, GENESIS_EPOCH} from "@hearth/params";
import type {BeaconStateAllForks} from "../types.js";

/** compute_epoch_at_slot */
export function computeEpochAtSlot(slot: number): number {
  return Math.floor(slot / SLOTS_PER_EPOCH);
}

/** compute_start_slot_at_epoch */
export function computeStartSlotAtEpoch(epoch: number): number {
  return epoch * SLOTS_PER_EPOCH;
}

/** compute_activation_exit_epoch */
export function computeActivationExitEpoch(epoch: number): number {
  return epoch + 1 + MAX_SEED_LOOKAHEAD;
}

/** get_current_epoch */
export function getCurrentEpoch(state: BeaconStateAllForks): number {
  return computeEpochAtSlot(state.slot);
}

/** get_previous_epoch */
export function getPreviousEpoch(state: BeaconStateAllForks): number {
  const current = getCurrentEpoch(state);
  return current === GENESIS_EPOCH ? GENESIS_EPOCH : current - 1;
}
