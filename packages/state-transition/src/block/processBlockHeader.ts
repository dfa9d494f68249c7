import {phase0, sszTypesFor} from "@hearth/types";
import type {CompositeType} from "@chainsafe/ssz";
import type {CachedBeaconState} from "../types.js";
import type {BeaconBlockAllForks} from "./types.js";
import {bytesEqual} from "../util/bytes.js";
import {getBeaconProposerIndex} from "../util/proposer.js";

/** process_block_header (phase0 beacon-chain.md "Block header"); unchanged through fulu. */
export function processBlockHeader(cs: CachedBeaconState, block: BeaconBlockAllForks): void {
  const {state} = cs;
  if (block.slot !== state.slot) throw new Error(`process_block_header: block slot ${block.slot} != state slot ${state.slot}`);
  if (block.slot <= state.latestBlockHeader.slot) {
    throw new Error(`process_block_header: block slot ${block.slot} not newer than latest header slot ${state.latestBlockHeader.slot}`);
  }
  const proposerIndex = getBeaconProposerIndex(cs);
  if (block.proposerIndex !== proposerIndex) {
    throw new Error(`process_block_header: proposer index ${block.proposerIndex} != expected ${proposerIndex}`);
  }
  if (!bytesEqual(block.parentRoot, state.latestBlockHeader.hashTreeRoot())) {
    throw new Error("process_block_header: parent root does not match the latest block header");
  }
  // The body type is the state's fork's: the same block bytes hash differently under another fork.
  const bodyType = sszTypesFor(cs.fork).BeaconBlockBody as unknown as CompositeType<unknown, unknown, unknown>;
  state.latestBlockHeader = phase0.BeaconBlockHeader.toViewDU({
    slot: block.slot,
    proposerIndex: block.proposerIndex,
    parentRoot: block.parentRoot,
    // Overwritten in the next process_slot call
    stateRoot: new Uint8Array(32),
    bodyRoot: bodyType.hashTreeRoot(block.body),
  });
  if (state.validators.getReadonly(block.proposerIndex).slashed) throw new Error("process_block_header: proposer is slashed");
}
