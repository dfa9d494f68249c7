import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {ForkChoiceErrorCode} from "../../src/index.js";
import {block, errorCode, GENESIS_ROOT, genesisStore, root, tickToSlot, vote} from "./utils.js";

const S = SLOTS_PER_EPOCH;

describe("ForkChoice: justification and finalization", () => {
  it("pulls up a current-epoch block's unrealized justification only at the next epoch start", () => {
    const fc = genesisStore();
    const A = root(0xa);
    tickToSlot(fc, S + 2);
    fc.onBlock(block(S + 1, A, GENESIS_ROOT, {unrealizedJustified: {epoch: 1, root: GENESIS_ROOT}}));
    assert.deepEqual(fc.justifiedCheckpoint, {epoch: 0, root: GENESIS_ROOT});
    assert.deepEqual(fc.unrealizedJustifiedCheckpoint, {epoch: 1, root: GENESIS_ROOT});
    tickToSlot(fc, 2 * S - 1);
    assert.equal(fc.justifiedCheckpoint.epoch, 0);
    tickToSlot(fc, 2 * S);
    assert.deepEqual(fc.justifiedCheckpoint, {epoch: 1, root: GENESIS_ROOT});
  });

  it("applies a prior-epoch block's pulled-up checkpoints at once", () => {
    const fc = genesisStore();
    const A = root(0xa);
    tickToSlot(fc, 2 * S);
    fc.onBlock(block(S + 1, A, GENESIS_ROOT, {unrealizedJustified: {epoch: 1, root: GENESIS_ROOT}, unrealizedFinalized: {epoch: 0, root: GENESIS_ROOT}}));
    assert.deepEqual(fc.justifiedCheckpoint, {epoch: 1, root: GENESIS_ROOT});
  });

  it("keeps only checkpoints of higher epochs (update_checkpoints is monotonic)", () => {
    const fc = genesisStore();
    tickToSlot(fc, 3 * S);
    const J = root(0x10);
    fc.onBlock(block(2 * S, J, GENESIS_ROOT, {justified: {epoch: 2, root: J}}));
    fc.onBlock(block(2 * S + 1, root(0x11), GENESIS_ROOT, {justified: {epoch: 1, root: GENESIS_ROOT}}));
    assert.deepEqual(fc.justifiedCheckpoint, {epoch: 2, root: J});
  });

  it("drops a leaf whose voting source is neither the store's justified epoch nor within two epochs", () => {
    const fc = genesisStore();
    const J = root(0x10);
    const K = root(0x20);
    const L = root(0x30);
    tickToSlot(fc, 3 * S + 3);
    fc.onBlock(block(2 * S, J, GENESIS_ROOT));
    fc.onBlock(block(3 * S + 1, K, J, {justified: {epoch: 2, root: J}}));
    assert.deepEqual(fc.justifiedCheckpoint, {epoch: 2, root: J});
    fc.onBlock(block(3 * S + 2, L, J, {justified: {epoch: 1, root: GENESIS_ROOT}}));
    vote(fc, L, [0, 1, 2]);
    vote(fc, K, [3]);
    // epoch 3: L's voting source (epoch 1) is within two epochs
    assert.equal(fc.getHead().blockRoot, L);
    assert.deepEqual(
      fc.getViableHeads().map((h) => h.node.blockRoot).sort(),
      [K, L].sort()
    );
    // epoch 4: L votes with its pulled-up source, still epoch 1: no longer viable, whatever its weight
    tickToSlot(fc, 4 * S);
    assert.equal(fc.getHead().blockRoot, K);
    assert.deepEqual(fc.getViableHeads().map((h) => h.node.blockRoot), [K]);
    assert.equal(fc.getWeight(L), 3n * 32n * 10n ** 9n, "weights stay; only viability changed");
  });

  it("keeps the head on the finalized chain and rejects blocks off it", () => {
    const fc = genesisStore();
    const F = root(0xf);
    const Y = root(0x1f);
    const C = root(0xc);
    tickToSlot(fc, 2 * S + 2);
    fc.onBlock(block(3, F, GENESIS_ROOT));
    fc.onBlock(block(5, Y, F));
    const cp = {epoch: 1, root: F};
    fc.onBlock(block(S + 1, C, F, {justified: cp, finalized: cp}));
    assert.deepEqual(fc.finalizedCheckpoint, cp);
    // Y descends from F but its chain's checkpoint block at epoch 1 is Y itself
    vote(fc, Y, [0, 1, 2, 3]);
    assert.equal(fc.getHead().blockRoot, C);
    assert.deepEqual(fc.getViableHeads().map((h) => h.node.blockRoot), [C]);
    assert.equal(errorCode(() => fc.onBlock(block(S + 2, root(0x2f), Y))), ForkChoiceErrorCode.NOT_FINALIZED_DESCENDANT);
    assert.equal(errorCode(() => fc.onBlock(block(S, root(0x3f), F))), ForkChoiceErrorCode.NOT_LATER_THAN_FINALIZED);
    fc.onBlock(block(S + 2, root(0x4f), C));
    assert.equal(fc.getHead().blockRoot, root(0x4f));
  });

  it("returns the justified block when no leaf below it is viable", () => {
    const fc = genesisStore();
    const J = root(0x10);
    tickToSlot(fc, 4 * S);
    fc.onBlock(block(2 * S, J, GENESIS_ROOT, {justified: {epoch: 2, root: J}}));
    // J's only child votes with source epoch 0, too old at epoch 4: no leaf below J is viable
    fc.onBlock(block(2 * S + 1, root(0x11), J));
    assert.equal(fc.justifiedCheckpoint.root, J);
    assert.equal(fc.getHead().blockRoot, J);
    assert.deepEqual(fc.getViableHeads(), []);
  });
});
