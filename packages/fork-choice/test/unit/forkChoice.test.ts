import {strict as assert} from "node:assert";
import {EFFECTIVE_BALANCE_INCREMENT, SLOTS_PER_EPOCH} from "@hearth/params";
import {ForkChoiceErrorCode, calculateCommitteeFraction, gweiToWeightUnits} from "../../src/index.js";
import {balancesOf, block, config, errorCode, GENESIS_ROOT, genesisStore, root, tickToSlot, vote} from "./utils.js";

const GWEI_32 = 32n * BigInt(EFFECTIVE_BALANCE_INCREMENT);
const A = root(0xa1);
const B = root(0xb1);
const C = root(0xc1);
const D = root(0xd1);

describe("ForkChoice: LMD-GHOST", () => {
  it("starts at the anchor and follows a single chain", () => {
    const fc = genesisStore();
    assert.equal(fc.getHead().blockRoot, GENESIS_ROOT);
    tickToSlot(fc, 3);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    fc.onBlock(block(2, B, A));
    assert.equal(fc.getHead().blockRoot, B);
    assert.equal(fc.getHead().slot, 2);
    assert.equal(fc.protoArray.length, 3);
  });

  it("follows the heavier branch, and moves weight when a vote of a later epoch arrives", () => {
    const fc = genesisStore();
    tickToSlot(fc, 3);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    fc.onBlock(block(2, B, A));
    fc.onBlock(block(1, C, GENESIS_ROOT));
    vote(fc, C, [0, 1, 2]);
    assert.equal(fc.getHead().blockRoot, C);
    assert.equal(fc.getWeight(C), 3n * GWEI_32);

    vote(fc, B, [3, 4, 5, 6]);
    assert.equal(fc.getHead().blockRoot, B);
    assert.equal(fc.getWeight(A), 4n * GWEI_32);
    assert.equal(fc.getWeight(GENESIS_ROOT), 7n * GWEI_32);

    // validators 0..2 vote for B in epoch 1: C is left with nothing
    tickToSlot(fc, SLOTS_PER_EPOCH + 2);
    vote(fc, B, [0, 1, 2], SLOTS_PER_EPOCH);
    assert.equal(fc.getWeight(C), 0n);
    assert.equal(fc.getWeight(B), 7n * GWEI_32);
    // a message of an older epoch does not replace a newer one
    vote(fc, C, [0], 2);
    assert.equal(fc.getWeight(C), 0n);
    assert.equal(fc.votes.getLatestMessageEpoch(0), 1);
  });

  it("breaks ties by the lexicographically higher root", () => {
    const fc = genesisStore();
    tickToSlot(fc, 3);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    fc.onBlock(block(1, D, GENESIS_ROOT));
    assert.equal(fc.getHead().blockRoot, D);
    vote(fc, A, [1]);
    assert.equal(fc.getHead().blockRoot, A);
    vote(fc, D, [2]);
    assert.equal(fc.getHead().blockRoot, D);
  });

  it("uses the justified checkpoint's balances, and re-weighs every vote when they change", () => {
    const small = balancesOf(64, 1);
    const big = balancesOf(64, 32);
    const fc = genesisStore({getBalances: (cp) => (cp.epoch === 0 ? big : small)});
    tickToSlot(fc, SLOTS_PER_EPOCH + 1);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    vote(fc, A, [0, 1]);
    assert.equal(fc.getWeight(A), 2n * GWEI_32);
    // a block whose state justified epoch 1 (root A) moves the store's justified checkpoint (late: no boost)
    tickToSlot(fc, SLOTS_PER_EPOCH + 2);
    fc.onBlock(block(SLOTS_PER_EPOCH + 1, B, A, {justified: {epoch: 1, root: A}}));
    assert.deepEqual(fc.justifiedCheckpoint, {epoch: 1, root: A});
    assert.equal(fc.getWeight(A), 2n * BigInt(EFFECTIVE_BALANCE_INCREMENT));
    assert.equal(fc.getHead().blockRoot, B);
  });
});

describe("ForkChoice: proposer boost", () => {
  it("boosts the first timely block of the slot by the committee fraction, until the next slot", () => {
    const fc = genesisStore();
    tickToSlot(fc, 1);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    assert.equal(fc.proposerBoostRoot, A);
    const boost = calculateCommitteeFraction(64 * 32, config.PROPOSER_SCORE_BOOST);
    assert.equal(boost, (64n * GWEI_32 / BigInt(SLOTS_PER_EPOCH)) * 40n / 100n);
    assert.equal(fc.getWeight(A), boost);
    assert.equal(fc.getWeight(GENESIS_ROOT), boost);
    // a second block of the same slot gets nothing
    fc.onBlock(block(1, B, GENESIS_ROOT));
    assert.equal(fc.proposerBoostRoot, A);
    assert.equal(fc.getWeight(B), 0n);
    assert.equal(fc.getHead().blockRoot, A);
    tickToSlot(fc, 2);
    assert.equal(fc.proposerBoostRoot, null);
    assert.equal(fc.getWeight(A), 0n);
    assert.equal(fc.getHead().blockRoot, B, "without the boost the higher root wins the tie");
  });

  it("gives no boost to a block that arrives after the attestation deadline", () => {
    const fc = genesisStore();
    tickToSlot(fc, 1, Math.ceil((config.SLOT_DURATION_MS * config.ATTESTATION_DUE_BPS) / 10000 / 1000));
    fc.onBlock(block(1, A, GENESIS_ROOT));
    assert.equal(fc.proposerBoostRoot, null);
    assert.equal(fc.getBlock(A)?.timely, false);
  });

  it("compares a fractional boost exactly against whole-increment vote weights", () => {
    // 1-increment validators: the boost is k + r increments, 0 < r < 1 unless it divides evenly
    const n = 1000;
    const fc = genesisStore({validators: n, increments: 1});
    const boostGwei = calculateCommitteeFraction(n, config.PROPOSER_SCORE_BOOST);
    const whole = Number(boostGwei / BigInt(EFFECTIVE_BALANCE_INCREMENT));
    const fractional = boostGwei % BigInt(EFFECTIVE_BALANCE_INCREMENT) !== 0n;
    assert.equal(gweiToWeightUnits(boostGwei), whole + (fractional ? 0.5 : 0));

    tickToSlot(fc, 2);
    fc.onBlock(block(1, C, GENESIS_ROOT)); // late: no boost
    fc.onBlock(block(2, A, GENESIS_ROOT)); // timely: boosted; A < C as roots
    assert.equal(fc.proposerBoostRoot, A);
    vote(fc, C, Array.from({length: whole}, (_, i) => i));
    // C holds k increments, A holds k + r: A wins unless r = 0, when the higher root C does
    assert.equal(fc.getHead().blockRoot, fractional ? A : C);
    vote(fc, C, [whole]);
    assert.equal(fc.getHead().blockRoot, C);
    assert.equal(fc.getWeight(A), boostGwei);
    assert.equal(fc.getWeight(C), BigInt(whole + 1) * BigInt(EFFECTIVE_BALANCE_INCREMENT));
  });
});

describe("ForkChoice: attester slashings", () => {
  it("removes the weight of equivocating validators and ignores their later votes", () => {
    const fc = genesisStore();
    tickToSlot(fc, 3);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    fc.onBlock(block(1, B, GENESIS_ROOT));
    vote(fc, A, [0, 1, 2]);
    vote(fc, B, [3, 4]);
    assert.equal(fc.getHead().blockRoot, A);
    const data = (r: number) => ({
      slot: 1,
      index: 0,
      beaconBlockRoot: new Uint8Array(32).fill(r),
      source: {epoch: 0, root: new Uint8Array(32)},
      target: {epoch: 0, root: new Uint8Array(32)},
    });
    fc.onAttesterSlashing({
      attestation1: {attestingIndices: [0, 1, 2, 7], data: data(1), signature: new Uint8Array(96)},
      attestation2: {attestingIndices: [1, 2, 7], data: data(2), signature: new Uint8Array(96)},
    });
    assert.deepEqual([...fc.equivocatingIndices].sort(), [1, 2, 7]);
    assert.equal(fc.getWeight(A), GWEI_32);
    assert.equal(fc.getHead().blockRoot, B);
    tickToSlot(fc, SLOTS_PER_EPOCH + 2);
    vote(fc, A, [1, 2], SLOTS_PER_EPOCH);
    assert.equal(fc.getWeight(A), GWEI_32);
    // the same data twice is no slashing
    assert.equal(
      errorCode(() =>
        fc.onAttesterSlashing({
          attestation1: {attestingIndices: [5], data: data(1), signature: new Uint8Array(96)},
          attestation2: {attestingIndices: [5], data: data(1), signature: new Uint8Array(96)},
        })
      ),
      ForkChoiceErrorCode.NOT_SLASHABLE
    );
  });
});

describe("ForkChoice: handler checks", () => {
  it("rejects blocks with an unknown parent, from the future, or not after the finalized slot", () => {
    const fc = genesisStore();
    tickToSlot(fc, 2);
    assert.equal(errorCode(() => fc.onBlock(block(1, A, root(0x77)))), ForkChoiceErrorCode.UNKNOWN_PARENT);
    assert.equal(errorCode(() => fc.onBlock(block(3, A, GENESIS_ROOT))), ForkChoiceErrorCode.FUTURE_SLOT);
    assert.equal(errorCode(() => fc.onBlock(block(0, A, GENESIS_ROOT))), ForkChoiceErrorCode.NOT_LATER_THAN_FINALIZED);
    assert.equal(fc.protoArray.length, 1, "a rejected block leaves the store as it was");
    const node = fc.onBlock(block(1, A, GENESIS_ROOT));
    assert.equal(fc.onBlock(block(1, A, GENESIS_ROOT)), node, "a known block is a no-op");
  });

  it("checks attestations as validate_on_attestation does", () => {
    const fc = genesisStore();
    tickToSlot(fc, 2);
    fc.onBlock(block(1, A, GENESIS_ROOT));
    const ok = {slot: 1, beaconBlockRoot: A, target: {epoch: 0, root: GENESIS_ROOT}};
    assert.equal(errorCode(() => fc.onAttestation({...ok, slot: 2}, [0])), ForkChoiceErrorCode.FUTURE_ATTESTATION_SLOT);
    assert.equal(errorCode(() => fc.onAttestation({...ok, slot: 0}, [0])), ForkChoiceErrorCode.ATTESTS_TO_FUTURE_BLOCK);
    assert.equal(errorCode(() => fc.onAttestation({...ok, target: {epoch: 0, root: A}}, [0])), ForkChoiceErrorCode.INCONSISTENT_TARGET);
    assert.equal(errorCode(() => fc.onAttestation({...ok, beaconBlockRoot: B}, [0])), ForkChoiceErrorCode.UNKNOWN_BEACON_BLOCK_ROOT);
    assert.equal(errorCode(() => fc.onAttestation({...ok, target: {epoch: 0, root: B}}, [0])), ForkChoiceErrorCode.UNKNOWN_TARGET_ROOT);
    assert.equal(errorCode(() => fc.onAttestation({...ok, target: {epoch: 1, root: GENESIS_ROOT}}, [0], true)), ForkChoiceErrorCode.TARGET_EPOCH_SLOT_MISMATCH);
    fc.onAttestation(ok, [0, 9]);
    assert.equal(fc.getWeight(A), 2n * GWEI_32);
    // two epochs later a gossip attestation of epoch 0 is too old, but one from a block is fine
    tickToSlot(fc, 2 * SLOTS_PER_EPOCH);
    assert.equal(errorCode(() => fc.onAttestation(ok, [1])), ForkChoiceErrorCode.INVALID_TARGET_EPOCH);
    fc.onAttestation(ok, [1], true);
    assert.equal(fc.getWeight(A), 3n * GWEI_32);
  });
});
