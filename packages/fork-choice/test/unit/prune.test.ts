import {strict as assert} from "node:assert";
import {EFFECTIVE_BALANCE_INCREMENT, SLOTS_PER_EPOCH} from "@hearth/params";
import {GENESIS_ROOT, block, genesisStore, root, tickToSlot, vote} from "./utils.js";

const S = SLOTS_PER_EPOCH;
const GWEI_32 = 32n * BigInt(EFFECTIVE_BALANCE_INCREMENT);
const [A, B, C, D, X, X2, Y] = [0xa, 0xb, 0xc, 0xd, 0x1a, 0x2a, 0x3a].map(root);

describe("ForkChoice: pruning", () => {
  it("drops every block that is not the finalized block or its descendant, and keeps votes on the rest", () => {
    const fc = genesisStore();
    tickToSlot(fc, S + 3);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    fc.onBlock(block(2, B, A));
    fc.onBlock(block(3, X, A));
    fc.onBlock(block(4, X2, X));
    fc.onBlock(block(1, Y, GENESIS_ROOT));
    vote(fc, X2, [0, 1]);
    vote(fc, Y, [2]);
    const cp = {epoch: 1, root: B};
    fc.onBlock(block(S + 1, C, B, {justified: cp, finalized: cp}));
    vote(fc, C, [3, 4, 5], S + 1);
    assert.equal(fc.getHead().blockRoot, C);
    assert.equal(fc.protoArray.length, 7);

    assert.equal(fc.prune(), 5);
    assert.equal(fc.protoArray.length, 2);
    for (const gone of [GENESIS_ROOT, A, X, X2, Y]) assert.equal(fc.hasBlock(gone), false);
    assert.equal(fc.protoArray.getIndex(B), 0);
    assert.equal(fc.protoArray.getIndex(C), 1);
    assert.equal(fc.getHead().blockRoot, C);
    assert.equal(fc.getWeight(B), 3n * GWEI_32);
    assert.equal(fc.prune(), 0, "nothing more to prune");

    // votes keep working on the renumbered nodes; a vote moving from a dropped block adds weight only where it lands
    fc.onBlock(block(S + 2, D, C));
    tickToSlot(fc, 2 * S + 1);
    vote(fc, D, [0, 3], 2 * S);
    assert.equal(fc.getWeight(D), 2n * GWEI_32);
    assert.equal(fc.getWeight(C), 4n * GWEI_32);
    assert.equal(fc.getWeight(B), 4n * GWEI_32);
    assert.equal(fc.getHead().blockRoot, D);
  });
});
