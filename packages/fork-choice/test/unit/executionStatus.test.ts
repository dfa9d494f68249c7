import {strict as assert} from "node:assert";
import {EFFECTIVE_BALANCE_INCREMENT} from "@hearth/params";
import {ExecutionStatus, ForkChoiceErrorCode, ZERO_ROOT_HEX, type ForkChoice} from "../../src/index.js";
import {block, errorCode, GENESIS_ROOT, genesisStore, root, tickToSlot, vote} from "./utils.js";

const GWEI_32 = 32n * BigInt(EFFECTIVE_BALANCE_INCREMENT);
const [A, B, C, D, E] = [0xa, 0xb, 0xc, 0xd, 0xe].map(root);
const hash = (r: string): string => "0x" + "ee" + r.slice(4);

/** G(pre-merge) ← A(VALID) ← B(SYNCING) ← C(SYNCING), A ← D(SYNCING); votes: C 3, D 1. */
function optimisticTree(): ForkChoice {
  const fc = genesisStore();
  tickToSlot(fc, 5);
  fc.onBlock(block(1, A, GENESIS_ROOT, {status: ExecutionStatus.Valid, hash: hash(A)}));
  fc.onBlock(block(2, B, A, {status: ExecutionStatus.Syncing, hash: hash(B)}));
  fc.onBlock(block(3, C, B, {status: ExecutionStatus.Syncing, hash: hash(C)}));
  fc.onBlock(block(2, D, A, {status: ExecutionStatus.Syncing, hash: hash(D)}));
  vote(fc, C, [0, 1, 2]);
  vote(fc, D, [3]);
  return fc;
}

describe("ForkChoice: execution status (optimistic sync)", () => {
  it("INVALID with a latest valid hash invalidates back to the child of that block, and the weight leaves", () => {
    const fc = optimisticTree();
    assert.equal(fc.getHead().blockRoot, C);
    assert.equal(fc.getWeight(A), 4n * GWEI_32);
    fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: hash(A), invalidateFromBlockRoot: C, fromParent: false});
    assert.equal(fc.getBlock(B)?.executionStatus, ExecutionStatus.Invalid);
    assert.equal(fc.getBlock(C)?.executionStatus, ExecutionStatus.Invalid);
    assert.equal(fc.getBlock(D)?.executionStatus, ExecutionStatus.Syncing);
    assert.equal(fc.getHead().blockRoot, D);
    assert.equal(fc.getWeight(A), GWEI_32);
    // later votes for invalid blocks do not reach the valid ancestors either
    vote(fc, B, [4, 5]);
    assert.equal(fc.getWeight(A), GWEI_32);
    // and nothing may build on them
    assert.equal(errorCode(() => fc.onBlock(block(4, E, C))), ForkChoiceErrorCode.INVALID_PARENT);
  });

  it("INVALID for a rejected block (its parent given) invalidates the parent's chain down from the latest valid block", () => {
    const fc = optimisticTree();
    fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: hash(B), invalidateFromBlockRoot: C, fromParent: true});
    assert.equal(fc.getBlock(B)?.executionStatus, ExecutionStatus.Valid, "the latest valid block becomes VALID");
    assert.equal(fc.getBlock(C)?.executionStatus, ExecutionStatus.Invalid);
    // B is left with no valid child: a leaf again, without C's weight; two new votes put it above D
    vote(fc, B, [5, 6]);
    assert.equal(fc.getHead().blockRoot, B);
  });

  it("INVALID with a null or unknown latest valid hash invalidates only the judged block", () => {
    const fc = optimisticTree();
    fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: null, invalidateFromBlockRoot: C, fromParent: true});
    assert.equal(fc.getBlock(C)?.executionStatus, ExecutionStatus.Syncing, "null from a parent: nothing in the tree was judged");
    fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: root(0x999), invalidateFromBlockRoot: C, fromParent: false});
    assert.equal(fc.getBlock(C)?.executionStatus, ExecutionStatus.Invalid);
    assert.equal(fc.getBlock(B)?.executionStatus, ExecutionStatus.Syncing);
    // B lost C's three votes: D's one vote wins
    assert.equal(fc.getWeight(B), 0n);
    assert.equal(fc.getHead().blockRoot, D);
  });

  it("INVALID with the zero hash invalidates every execution block of the chain", () => {
    const fc = genesisStore();
    tickToSlot(fc, 5);
    fc.onBlock(block(1, A, GENESIS_ROOT, {status: ExecutionStatus.Syncing, hash: hash(A)}));
    fc.onBlock(block(2, B, A, {status: ExecutionStatus.Syncing, hash: hash(B)}));
    fc.onBlock(block(1, D, GENESIS_ROOT));
    fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: ZERO_ROOT_HEX, invalidateFromBlockRoot: B, fromParent: false});
    assert.deepEqual([A, B].map((r) => fc.getBlock(r)?.executionStatus), [ExecutionStatus.Invalid, ExecutionStatus.Invalid]);
    assert.equal(fc.getHead().blockRoot, D);
  });

  it("VALID spreads to the ancestors, and a verdict against an earlier one is refused without change", () => {
    const fc = optimisticTree();
    fc.onPayloadVerdict({status: ExecutionStatus.Valid, blockRoot: C});
    assert.deepEqual([B, C, D].map((r) => fc.getBlock(r)?.executionStatus), [ExecutionStatus.Valid, ExecutionStatus.Valid, ExecutionStatus.Syncing]);
    assert.equal(
      errorCode(() => fc.onPayloadVerdict({status: ExecutionStatus.Invalid, latestValidHash: hash(A), invalidateFromBlockRoot: C, fromParent: false})),
      ForkChoiceErrorCode.INVALID_EXECUTION_STATUS_TRANSITION
    );
    assert.equal(fc.getBlock(B)?.executionStatus, ExecutionStatus.Valid);
    assert.equal(fc.getHead().blockRoot, C);
    // a new VALID block makes its SYNCING ancestors VALID too
    fc.onBlock(block(3, E, D, {status: ExecutionStatus.Valid, hash: hash(E)}));
    assert.equal(fc.getBlock(D)?.executionStatus, ExecutionStatus.Valid);
  });
});
