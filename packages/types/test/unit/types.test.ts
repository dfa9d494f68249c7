import {strict as assert} from "node:assert";
import {FORK_NAMES, MAX_COMMITTEES_PER_SLOT, MAX_VALIDATORS_PER_COMMITTEE, MIN_SEED_LOOKAHEAD, SLOTS_PER_EPOCH} from "@hearth/params";
import {sszTypesFor, phase0, electra, fulu} from "../../src/index.js";

describe("types", () => {
  it("has each fork's BeaconState with the spec's field count", () => {
    const expected = {phase0: 21, altair: 24, bellatrix: 25, capella: 28, deneb: 28, electra: 37, fulu: 38};
    for (const fork of FORK_NAMES) assert.equal(sszTypesFor(fork).BeaconState.fieldsEntries.length, expected[fork], fork);
  });

  it("names JSON fields in the spec's snake_case", () => {
    const json = phase0.Validator.toJson(phase0.Validator.defaultValue()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), [
      "pubkey",
      "withdrawal_credentials",
      "effective_balance",
      "slashed",
      "activation_eligibility_epoch",
      "activation_epoch",
      "exit_epoch",
      "withdrawable_epoch",
    ]);
    const slashing = phase0.AttesterSlashing.toJson(phase0.AttesterSlashing.defaultValue()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(slashing), ["attestation_1", "attestation_2"]);
  });

  it("hashes a validator the same as a node struct and as a container", () => {
    const v = {...phase0.Validator.defaultValue(), effectiveBalance: 32e9, exitEpoch: Infinity, pubkey: new Uint8Array(48).fill(7)};
    assert.deepEqual(phase0.ValidatorNodeStruct.hashTreeRoot(v), phase0.Validator.hashTreeRoot(v));
    // FAR_FUTURE_EPOCH (Infinity) serializes as 2**64 - 1
    const bytes = phase0.Validator.serialize(v);
    assert.equal(Buffer.from(bytes.subarray(105, 113)).toString("hex"), "ffffffffffffffff");
  });

  it("sizes electra and fulu types from the preset", () => {
    assert.equal(fulu.ProposerLookahead.length, (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH);
    assert.equal(electra.CommitteeBits.lengthBits, MAX_COMMITTEES_PER_SLOT);
    assert.equal(electra.AggregationBits.limitBits, MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT);
    assert.equal(electra.BeaconState.fields.depositRequestsStartIndex.defaultValue(), 0n);
  });
});
