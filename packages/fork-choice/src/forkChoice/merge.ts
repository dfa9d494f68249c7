// The merge transition block's extra check (bellatrix fork-choice.md): its payload must build on a
// valid terminal proof-of-work block, or on TERMINAL_BLOCK_HASH when that override is set.
import type {ChainConfig} from "@hearth/config";
import {toHex} from "@hearth/config";
import {util} from "@hearth/state-transition";
import type {RootHex} from "../protoArray/interface.js";

/** PowBlock */
export interface PowBlock {
  blockHash: RootHex;
  parentHash: RootHex;
  totalDifficulty: bigint;
}

const EMPTY_HASH_HEX = "0x" + "00".repeat(32);

/** is_valid_terminal_pow_block */
export function isValidTerminalPowBlock(config: ChainConfig, block: PowBlock, parent: PowBlock): boolean {
  const isTotalDifficultyReached = block.totalDifficulty >= config.TERMINAL_TOTAL_DIFFICULTY;
  const isParentTotalDifficultyValid = parent.totalDifficulty < config.TERMINAL_TOTAL_DIFFICULTY;
  return isTotalDifficultyReached && isParentTotalDifficultyValid;
}

/**
 * validate_merge_block: throws when the merge block's payload parent is not acceptable.
 * `getPowBlock` is get_pow_block (null when the execution client does not know the hash).
 */
export function validateMergeBlock(
  config: ChainConfig,
  block: {slot: number; payloadParentHash: RootHex},
  getPowBlock: (hash: RootHex) => PowBlock | null
): void {
  const terminalBlockHash = toHex(config.TERMINAL_BLOCK_HASH);
  if (terminalBlockHash !== EMPTY_HASH_HEX) {
    // The override applies from its activation epoch on.
    if (util.computeEpochAtSlot(block.slot) < config.TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH) {
      throw new Error("validate_merge_block: TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH not reached");
    }
    if (block.payloadParentHash !== terminalBlockHash) throw new Error("validate_merge_block: parent hash is not TERMINAL_BLOCK_HASH");
    return;
  }
  const powBlock = getPowBlock(block.payloadParentHash);
  if (powBlock === null) throw new Error("validate_merge_block: terminal PoW block unknown");
  const powParent = getPowBlock(powBlock.parentHash);
  if (powParent === null) throw new Error("validate_merge_block: parent of the terminal PoW block unknown");
  if (!isValidTerminalPowBlock(config, powBlock, powParent)) throw new Error("validate_merge_block: not a valid terminal PoW block");
}
