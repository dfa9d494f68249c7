import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {ForkChoiceErrorCode, getProposerHead, shouldOverrideForkchoiceUpdate, type ForkChoice, type ForkChoiceError} from "../../src/index.js";
import {GENESIS_ROOT, SLOT_SECONDS, block, config, genesisStore, root, tickToSlot, vote} from "./utils.js";

const S = SLOTS_PER_EPOCH;
const [P, H, H2] = [0x50, 0x60, 0x61].map(root);
/** Past the attestation deadline, in whole seconds. */
const LATE = Math.ceil((config.SLOT_DURATION_MS * config.ATTESTATION_DUE_BPS) / 10000 / 1000);
/** 16 of 64 validators: above REORG_PARENT_WEIGHT_THRESHOLD (160% of a committee) on both presets. */
const PARENT_VOTERS = Array.from({length: 16}, (_, i) => i);

/** P at slot S+1 on time with 16 votes, H at S+2 late on P with no votes; time: start of S+3. */
function lateHead(): ForkChoice {
  const fc = genesisStore();
  tickToSlot(fc, S + 1);
  fc.onBlock(block(S + 1, P, GENESIS_ROOT));
  tickToSlot(fc, S + 2, LATE);
  fc.onBlock(block(S + 2, H, P, {proposer: 7}));
  vote(fc, P, PARENT_VOTERS, S + 1);
  tickToSlot(fc, S + 3);
  return fc;
}

describe("ForkChoice: late-block re-orgs", () => {
  it("get_proposer_head builds on the parent of a late, weak head whose parent is strong", () => {
    const fc = lateHead();
    const head = fc.getHead();
    assert.equal(head.blockRoot, H);
    assert.equal(head.timely, false);
    assert.equal(getProposerHead(fc, H, S + 3), P);
  });

  it("keeps the head when it is not weak, when proposing late, or for a slot that is not the next", () => {
    const fc = lateHead();
    vote(fc, H, [20, 21], S + 2);
    assert.equal(getProposerHead(fc, H, S + 3), H, "two votes are more than 20% of a committee");

    const late = lateHead();
    late.onTick((S + 3) * SLOT_SECONDS + Math.ceil((config.SLOT_DURATION_MS * config.PROPOSER_REORG_CUTOFF_BPS) / 10000 / 1000) + 0.5);
    assert.equal(getProposerHead(late, H, S + 3), H);

    const skip = lateHead();
    tickToSlot(skip, S + 4);
    assert.equal(getProposerHead(skip, H, S + 4), H, "a re-org of one slot at most");
  });

  it("re-orgs a weak head whose proposer equivocated, even without a strong parent", () => {
    const fc = genesisStore();
    tickToSlot(fc, S + 1);
    fc.onBlock(block(S + 1, P, GENESIS_ROOT));
    tickToSlot(fc, S + 2, LATE);
    fc.onBlock(block(S + 2, H, P, {proposer: 7}));
    fc.onBlock(block(S + 2, H2, P, {proposer: 7}));
    tickToSlot(fc, S + 3);
    const head = fc.getHead().blockRoot;
    assert.equal(head, H2);
    assert.equal(getProposerHead(fc, head, S + 3), P);
  });

  it("refuses while the head still holds the proposer boost", () => {
    const fc = genesisStore();
    tickToSlot(fc, 1);
    fc.onBlock(block(1, P, GENESIS_ROOT));
    let code = "";
    try {
      getProposerHead(fc, P, 2);
    } catch (e) {
      code = (e as ForkChoiceError).code;
    }
    assert.equal(code, ForkChoiceErrorCode.HEAD_HAS_PROPOSER_BOOST);
  });

  it("should_override_forkchoice_update withholds the late head's update when this node proposes next", () => {
    const fc = lateHead();
    const asked: [number, string][] = [];
    const connected = (slot: number, parentRoot: string): boolean => {
      asked.push([slot, parentRoot]);
      return true;
    };
    assert.equal(shouldOverrideForkchoiceUpdate(fc, H, connected), true);
    assert.deepEqual(asked, [[S + 3, P]]);
    assert.equal(shouldOverrideForkchoiceUpdate(fc, H, () => false), false);
    // a proposal at an epoch boundary is never re-orged
    const fc2 = genesisStore();
    tickToSlot(fc2, 2 * S - 2);
    fc2.onBlock(block(2 * S - 2, P, GENESIS_ROOT));
    tickToSlot(fc2, 2 * S - 1, LATE);
    fc2.onBlock(block(2 * S - 1, H, P));
    assert.equal(shouldOverrideForkchoiceUpdate(fc2, H, connected), false);
  });
});
