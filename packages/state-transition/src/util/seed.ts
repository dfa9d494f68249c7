// get_randao_mix and get_seed of phase0 beacon-chain.md.
import {digest} from "@chainsafe/as-sha256";
import {EPOCHS_PER_HISTORICAL_VECTOR, MIN_SEED_LOOKAHEAD} from "@hearth/params";
import type {BeaconStateAllForks} from "../types.js";
import {uint64ToBytes} from "./bytes.js";

/** get_randao_mix */
export function getRandaoMix(state: BeaconStateAllForks, epoch: number): Uint8Array {
  return state.randaoMixes.get(epoch % EPOCHS_PER_HISTORICAL_VECTOR);
}

/** get_seed: hash(domain_type + uint_to_bytes(epoch) + mix of epoch - MIN_SEED_LOOKAHEAD - 1). */
export function getSeed(state: BeaconStateAllForks, epoch: number, domainType: Uint8Array): Uint8Array {
  const mix = getRandaoMix(state, epoch + EPOCHS_PER_HISTORICAL_VECTOR - MIN_SEED_LOOKAHEAD - 1);
  const input = new Uint8Array(4 + 8 + 32);
  input.set(domainType, 0);
  input.set(uint64ToBytes(epoch), 4);
  input.set(mix, 12);
  return digest(input);
}
