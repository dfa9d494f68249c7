import {strict as assert} from "node:assert";
import {isValidTerminalPowBlock, validateMergeBlock, type PowBlock} from "../../src/index.js";
import {config, root} from "./utils.js";

const TTD = 1000n;
const cfg = {...config, TERMINAL_TOTAL_DIFFICULTY: TTD, TERMINAL_BLOCK_HASH: new Uint8Array(32), TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH: Infinity};
const pow = (n: number, parent: number, td: bigint): PowBlock => ({blockHash: root(n), parentHash: root(parent), totalDifficulty: td});

describe("merge block (bellatrix fork-choice.md)", () => {
  it("is_valid_terminal_pow_block: the first block at or over the terminal total difficulty", () => {
    assert.equal(isValidTerminalPowBlock(cfg, pow(2, 1, TTD), pow(1, 0, TTD - 1n)), true);
    assert.equal(isValidTerminalPowBlock(cfg, pow(2, 1, TTD + 5n), pow(1, 0, TTD)), false, "the parent already reached it");
    assert.equal(isValidTerminalPowBlock(cfg, pow(2, 1, TTD - 1n), pow(1, 0, TTD - 2n)), false, "not reached yet");
  });

  it("validate_merge_block looks up the payload's parent and its parent", () => {
    const blocks = new Map([pow(2, 1, TTD), pow(1, 0, TTD - 1n)].map((b) => [b.blockHash, b]));
    const get = (h: string): PowBlock | null => blocks.get(h) ?? null;
    validateMergeBlock(cfg, {slot: 10, payloadParentHash: root(2)}, get);
    assert.throws(() => validateMergeBlock(cfg, {slot: 10, payloadParentHash: root(3)}, get), /terminal PoW block unknown/);
    assert.throws(() => validateMergeBlock(cfg, {slot: 10, payloadParentHash: root(1)}, get), /parent of the terminal PoW block unknown/);
  });

  it("with TERMINAL_BLOCK_HASH set, only that hash from its activation epoch on", () => {
    const hash = new Uint8Array(32).fill(7);
    const override = {...cfg, TERMINAL_BLOCK_HASH: hash, TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH: 2};
    const hex = "0x" + "07".repeat(32);
    const none = (): PowBlock | null => null;
    assert.throws(() => validateMergeBlock(override, {slot: 1, payloadParentHash: hex}, none), /ACTIVATION_EPOCH/);
    validateMergeBlock(override, {slot: 2 * 64, payloadParentHash: hex}, none);
    assert.throws(() => validateMergeBlock(override, {slot: 2 * 64, payloadParentHash: root(2)}, none), /not TERMINAL_BLOCK_HASH/);
  });
});
