// What a caller hands the fork-choice store: its anchor, its options, the attestation fields it reads.
import type {Checkpoint, ProtoBlock, RootHex} from "../protoArray/interface.js";
import type {JustifiedBalances} from "./balances.js";

export const ZERO_ROOT_HEX: RootHex = "0x" + "00".repeat(32);

/** The anchor of get_forkchoice_store: a trusted block and facts of its state. */
export interface ForkChoiceAnchor {
  /** anchor_state.genesis_time */
  genesisTime: number;
  /** anchor_state.slot: the anchor epoch and the store's initial time derive from it. */
  stateSlot: number;
  block: Omit<ProtoBlock, "justified" | "finalized" | "unrealizedJustified" | "unrealizedFinalized">;
  /** The anchor state's balances: the anchor is the first justified checkpoint. */
  balances: JustifiedBalances;
}

export interface ForkChoiceOptions {
  /** The balances of checkpoint_states[checkpoint], asked when the store's justified checkpoint changes. */
  getJustifiedBalances(checkpoint: Checkpoint): JustifiedBalances;
  /** The number of validators expected: vote arrays are sized once instead of grown. */
  validatorCount?: number;
}

/** The parts of an attestation on_attestation reads, with roots as hex. */
export interface AttestationDataInput {
  slot: number;
  beaconBlockRoot: RootHex;
  target: Checkpoint;
}
