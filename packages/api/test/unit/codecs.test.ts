import {strict as assert} from "node:assert";
import {phase0} from "@hearth/types";
import {
  blockIdParam,
  decodeJson,
  flagParam,
  jsonArray,
  jsonObject,
  jsonUint,
  listParam,
  negotiateFormat,
  optional,
  rootParam,
  stateIdParam,
  uintParam,
  validatorIdParam,
  ValidatorsQuery,
  JsonDecodeError,
} from "../../src/index.js";

function decodeError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof JsonDecodeError, String(e));
    return e.message;
  }
  throw new Error("no error");
}

describe("parameter codecs", () => {
  it("reads state and block ids", () => {
    assert.equal(stateIdParam.parse(["justified"]), "justified");
    assert.equal(stateIdParam.parse(["12"]), 12);
    assert.equal(stateIdParam.parse(["0x" + "AB".repeat(32)]), "0x" + "ab".repeat(32));
    assert.throws(() => stateIdParam.parse(["current"]), /expected "head", "genesis", "finalized", "justified", a slot or a 0x-prefixed state root, got "current"/);
    assert.throws(() => blockIdParam.parse(["justified"]), /got "justified"/);
    assert.throws(() => stateIdParam.parse(["0x1234"]), /got "0x1234"/);
  });

  it("reads validator ids as indices or public keys", () => {
    assert.equal(validatorIdParam.parse(["7"]), 7);
    assert.equal(validatorIdParam.parse(["0x" + "11".repeat(48)]), "0x" + "11".repeat(48));
    assert.throws(() => validatorIdParam.parse(["0x" + "11".repeat(32)]), /validator index or a 0x-prefixed 48-byte public key/);
  });

  it("reads uint64s strictly", () => {
    assert.equal(uintParam.parse(["0"]), 0);
    for (const bad of ["abc", "-1", "1.5", "1e3", "", "9007199254740993"]) {
      assert.throws(() => uintParam.parse([bad]), /expected a decimal uint64/, bad);
    }
    assert.throws(() => uintParam.parse(["1", "2"]), /expected one value, got 2/);
  });

  it("reads lists from repeated keys and commas", () => {
    assert.deepEqual(listParam(uintParam).parse(["1,2", "3", ""]), [1, 2, 3]);
    assert.deepEqual(listParam(uintParam).format([1, 2]), ["1", "2"]);
  });

  it("reads roots and flags", () => {
    assert.deepEqual(rootParam.parse(["0x" + "01".repeat(32)]), new Uint8Array(32).fill(1));
    assert.throws(() => rootParam.parse(["0x01"]), /0x-prefixed hex of 32 bytes/);
    assert.equal(flagParam.parse([""]), true);
    assert.deepEqual(flagParam.format(false), []);
  });
});

describe("strict JSON decoding", () => {
  const exit = {message: {epoch: "1", validator_index: "2"}, signature: "0x" + "00".repeat(96)};

  it("reads canonical JSON, accepting upper-case hex", () => {
    const value = decodeJson(phase0.SignedVoluntaryExit, {...exit, signature: "0x" + "AA".repeat(96)});
    assert.equal(value.message.validatorIndex, 2);
    assert.equal(value.signature[0], 0xaa);
  });

  it("rejects what SSZ's fromJson lets through, naming the field", () => {
    assert.equal(decodeError(() => decodeJson(phase0.SignedVoluntaryExit, {...exit, message: {epoch: "1e3", validator_index: "2"}})), 'message.epoch: invalid value "1e3" (expected a decimal integer string)');
    assert.match(decodeError(() => decodeJson(phase0.SignedVoluntaryExit, {...exit, message: {epoch: "-1", validator_index: "2"}})), /^message\.epoch/);
    assert.match(decodeError(() => decodeJson(phase0.SignedVoluntaryExit, {...exit, signature: "0x" + "zz".repeat(96)})), /^signature: invalid value/);
    assert.match(decodeError(() => decodeJson(phase0.SignedVoluntaryExit, {message: exit.message})), /signature/);
    assert.throws(() => decodeJson(phase0.SignedVoluntaryExit, null), JsonDecodeError);
  });

  it("hand-written codecs name the path of a bad item", () => {
    const codec = jsonArray(jsonObject({index: jsonUint, note: optional(jsonUint)}));
    assert.deepEqual(codec.fromJson([{index: "1"}, {index: "2", note: "3"}]), [{index: 1}, {index: 2, note: 3}]);
    assert.equal(decodeError(() => codec.fromJson([{index: "1"}, {index: 2}])), "[1].index: expected a decimal uint64 string, got 2");
    assert.equal(decodeError(() => codec.fromJson([{}])), "[0].index: missing");
    assert.deepEqual(ValidatorsQuery.fromJson({ids: ["1", "0x" + "0A".repeat(48)], statuses: ["active"]}), {ids: [1, "0x" + "0a".repeat(48)], statuses: ["active"]});
    assert.match(decodeError(() => ValidatorsQuery.fromJson({statuses: ["sleeping"]})), /^statuses\[0\]: expected one of/);
  });
});

describe("content negotiation", () => {
  it("picks JSON by default and SSZ when preferred and offered", () => {
    assert.equal(negotiateFormat(undefined, true), "json");
    assert.equal(negotiateFormat("*/*", true), "json");
    assert.equal(negotiateFormat("application/octet-stream;q=1.0,application/json;q=0.9", true), "ssz");
    assert.equal(negotiateFormat("application/octet-stream;q=1.0,application/json;q=0.9", false), "json");
    assert.equal(negotiateFormat("application/json;q=0.5,application/octet-stream;q=0.4", true), "json");
    assert.equal(negotiateFormat("application/octet-stream", false), null);
    assert.equal(negotiateFormat("text/html", true), null);
  });
});
