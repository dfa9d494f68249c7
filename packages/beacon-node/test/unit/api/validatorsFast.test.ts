// The registry read from its SSZ bytes (no object per validator) must answer byte for byte what the
// generic path answers: the JSON the codec writes, the SSZ the generic serializer writes, and the
// state's SSZ as BeaconState.serialize of its value.
import {strict as assert} from "node:assert";
import {serializeValidatorResponsesGeneric, ValidatorResponses, validatorsJsonChunks, type ValidatorResponse, type ValidatorStatusFilter} from "@hearth/api";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {fulu, phase0} from "@hearth/types";
import {filterValidators, getValidatorStatus, validatorResponse} from "../../../src/api/impl/beacon/validators.js";
import {serializeState, serializedValidators} from "../../../src/api/impl/serializedState.js";

const FAR = Infinity;
const EPOCH = 10;

/** Epoch fields giving, at EPOCH, each status in turn (balance 0 for withdrawal_done). */
const SHAPES: {fields: Record<string, number | boolean>; balance?: number; status: string}[] = [
  {fields: {activationEligibilityEpoch: FAR, activationEpoch: FAR}, status: "pending_initialized"},
  {fields: {activationEligibilityEpoch: 5, activationEpoch: FAR}, status: "pending_queued"},
  {fields: {activationEligibilityEpoch: 5, activationEpoch: 11}, status: "pending_queued"},
  {fields: {}, status: "active_ongoing"},
  {fields: {exitEpoch: 12, withdrawableEpoch: 300}, status: "active_exiting"},
  {fields: {exitEpoch: 12, withdrawableEpoch: 300, slashed: true}, status: "active_slashed"},
  {fields: {exitEpoch: 10, withdrawableEpoch: 300}, status: "exited_unslashed"},
  {fields: {exitEpoch: 9, withdrawableEpoch: 300, slashed: true}, status: "exited_slashed"},
  {fields: {exitEpoch: 2, withdrawableEpoch: 10}, status: "withdrawal_possible"},
  {fields: {exitEpoch: 2, withdrawableEpoch: 9}, balance: 0, status: "withdrawal_done"},
  // numbers of every width: effective balance and epochs past 2**32
  {fields: {effectiveBalance: 2 ** 40 + 7, activationEligibilityEpoch: 0, activationEpoch: 0, exitEpoch: 2 ** 33 + 1, withdrawableEpoch: 2 ** 52}, balance: 2 ** 45 + 3, status: "active_exiting"},
];

/**
 * A fulu state holding only what these reads use (slot, validators, balances); the epoch context is
 * left out: the whole-registry path and ids given as indices never read it.
 */
function buildState(count: number): CachedBeaconState {
  const state = fulu.BeaconState.defaultViewDU();
  state.slot = util.computeStartSlotAtEpoch(EPOCH) + 3;
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length];
    const base = {
      pubkey: new Uint8Array(48).map((_, k) => (i * 31 + k * 7) % 256),
      withdrawalCredentials: new Uint8Array(32).map((_, k) => (i + k * 13) % 256),
      effectiveBalance: 32_000_000_000,
      slashed: false,
      activationEligibilityEpoch: 0,
      activationEpoch: 0,
      exitEpoch: FAR,
      withdrawableEpoch: FAR,
    };
    state.validators.push(phase0.ValidatorNodeStruct.toViewDU({...base, ...shape.fields}));
    state.balances.push(shape.balance ?? 32_000_000_000 + i);
  }
  state.commit();
  return {fork: "fulu", state, config: {} as CachedBeaconState["config"], epochCtx: undefined as never};
}

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
    cs = buildState(count);
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
