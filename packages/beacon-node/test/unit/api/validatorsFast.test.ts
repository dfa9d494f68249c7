// The registry read from its SSZ bytes (no object per validator) must answer byte for byte what the
// generic path answers: the JSON the codec writes, the SSZ the generic serializer writes, and the
// state's SSZ as BeaconState.serialize of its value.
import {strict as assert} from "node:assert";
import {serializeValidatorResponsesGeneric, ValidatorResponses, validatorsJsonChunks, type ValidatorResponse, type ValidatorStatusFilter} from "@hearth/api";
import type {CachedBeaconState} from "@hearth/state-transition";
import {fulu} from "@hearth/types";
import {filterValidators, getValidatorStatus, validatorResponse} from "../../../src/api/impl/beacon/validators.js";
import {serializeState, serializedValidators} from "../../../src/api/impl/serializedState.js";
import {buildRegistryState, EPOCH, FAR, SHAPES} from "./registryFixture.js";

/** What the generic path gives: one object per validator, from the tree. */
function generic(cs: CachedBeaconState, keep: (r: ValidatorResponse) => boolean = () => true): ValidatorResponse[] {
  const out: ValidatorResponse[] = [];
  for (let i = 0; i < cs.state.validators.length; i++) {
    const r = validatorResponse(cs, i, EPOCH);
    if (keep(r)) out.push(r);
  }
  return out;
}

function json(list: ValidatorResponse[]): string {
  return [...validatorsJsonChunks(list)].map((c) => (typeof c === "string" ? c : Buffer.from(c).toString("latin1"))).join("");
}

describe("validators and state served from the registry's bytes", function () {
  this.timeout(20_000);
  const count = 2 * SHAPES.length + 3;
  let cs: CachedBeaconState;
  before(() => {
    cs = buildRegistryState(count);
  });

  it("covers every status, the statuses computed from bytes equal getValidatorStatus", () => {
    const fast = filterValidators(cs);
    assert.equal(fast.length, count);
    const statuses = new Set(fast.map((r) => r.status));
    assert.equal(statuses.size, 9);
    for (let i = 0; i < count; i++) {
      assert.equal(fast[i].status, SHAPES[i % SHAPES.length].status, `validator ${i}`);
      const value = cs.state.validators.getReadonly(i).toValue();
      assert.equal(fast[i].status, getValidatorStatus(value, cs.state.balances.get(i), EPOCH));
    }
    assert.equal(fast[0].validator.activationEpoch, FAR);
  });

  it("the JSON is byte for byte the codec's, FAR_FUTURE as 18446744073709551615", () => {
    const fast = filterValidators(cs);
    const expected = JSON.stringify(ValidatorResponses.toJson(generic(cs)));
    assert.equal(json(fast), expected);
    assert.ok(expected.includes('"activation_epoch":"18446744073709551615"'));
    assert.ok(expected.includes(`"withdrawable_epoch":"${2 ** 52}"`));
    assert.ok(expected.includes('"slashed":true'));
  });

  it("the SSZ is byte for byte the generic serializer's and reads back", () => {
    const fast = filterValidators(cs);
    const bytes = ValidatorResponses.serialize(fast);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(serializeValidatorResponsesGeneric(generic(cs))));
    assert.deepEqual(ValidatorResponses.deserialize(bytes), generic(cs));
  });

  it("a status filter keeps exactly the matching validators, in order, in both formats", () => {
    const cases: ValidatorStatusFilter[][] = [["active"], ["withdrawal_done", "pending_initialized"], ["exited"], ["pending_queued", "active_ongoing"]];
    for (const filter of cases) {
      const keep = (r: ValidatorResponse): boolean => filter.some((f) => r.status === f || r.status.startsWith(`${f}_`));
      const expected = generic(cs, keep);
      const fast = filterValidators(cs, undefined, filter);
      assert.ok(expected.length > 0);
      assert.equal(fast.length, expected.length, filter.join(","));
      assert.equal(json(fast), JSON.stringify(ValidatorResponses.toJson(expected)));
      assert.deepEqual(Buffer.from(ValidatorResponses.serialize(fast)), Buffer.from(serializeValidatorResponsesGeneric(expected)));
    }
  });

  it("ids with a status filter build only the kept validators", () => {
    const out = filterValidators(cs, [3, 0, 3, 9, 40_000], ["active_ongoing", "withdrawal"]);
    assert.deepEqual(
      out.map((r) => [r.index, r.status]),
      [
        [3, "active_ongoing"],
        [9, "withdrawal_done"],
      ],
    );
  });

  it("the state's SSZ equals BeaconState.serialize of its value, also after the registry changes", () => {
    const type = fulu.BeaconState;
    assert.deepEqual(Buffer.from(serializeState(cs)), Buffer.from(type.serialize(cs.state.toValue() as never)));
    const before = serializedValidators(cs);
    assert.equal(serializedValidators(cs), before, "the registry's bytes are cached while it is unchanged");
    const copy: CachedBeaconState = {...cs, state: cs.state.clone()};
    copy.state.validators.get(1).exitEpoch = 77;
    copy.state.balances.set(2, 5);
    copy.state.commit();
    const after = serializeState(copy);
    assert.notEqual(serializedValidators(copy), before);
    assert.deepEqual(Buffer.from(after), Buffer.from(type.serialize(copy.state.toValue() as never)));
    assert.equal(filterValidators(copy)[1].validator.exitEpoch, 77);
  });
});
