// Time of the store (phase0 fork-choice.md): store.time is in seconds since the Unix epoch, slot
// components in basis points of SLOT_DURATION_MS. A live node may tick with fractional seconds.
import type {ChainConfig} from "@hearth/config";
import {GENESIS_SLOT} from "@hearth/params";

/** BASIS_POINTS */
export const BASIS_POINTS = 10000;

/** get_slots_since_genesis + get_current_slot */
export function computeSlotAtTime(config: ChainConfig, genesisTime: number, time: number): number {
  return GENESIS_SLOT + Math.floor(((time - genesisTime) * 1000) / config.SLOT_DURATION_MS);
}

/** seconds_to_milliseconds(time - genesis_time) % SLOT_DURATION_MS */
export function computeTimeIntoSlotMs(config: ChainConfig, genesisTime: number, time: number): number {
  return Math.floor((time - genesisTime) * 1000) % config.SLOT_DURATION_MS;
}

/** get_slot_component_duration_ms */
export function getSlotComponentDurationMs(config: ChainConfig, basisPoints: number): number {
  return Math.floor((basisPoints * config.SLOT_DURATION_MS) / BASIS_POINTS);
}

/** get_attestation_due_ms */
export function getAttestationDueMs(config: ChainConfig): number {
  return getSlotComponentDurationMs(config, config.ATTESTATION_DUE_BPS);
}

/** get_proposer_reorg_cutoff_ms */
export function getProposerReorgCutoffMs(config: ChainConfig): number {
  return getSlotComponentDurationMs(config, config.PROPOSER_REORG_CUTOFF_BPS);
}

/** The time at the start of `slot`, as on_tick's catch-up loop computes it. */
export function computeTimeAtSlot(config: ChainConfig, genesisTime: number, slot: number): number {
  return genesisTime + Math.floor((slot * config.SLOT_DURATION_MS) / 1000);
}
