import {strict as assert} from "node:assert";
import {BitListType, CompatibleUnionType, VectorBasicType} from "@chainsafe/ssz";
import {buildType, parseCaseType} from "../../src/runners/ssz_generic/caseType.js";

describe("ssz_generic case names", () => {
  it("reads the declared type and ignores the trailing description", () => {
    assert.deepEqual(parseCaseType("basic_vector", "vec_uint16_31_max_one_byte_less"), {
      kind: "vector",
      element: "uint16",
      length: 31,
    });
    assert.deepEqual(parseCaseType("basic_progressive_list", "proglist_bool_1365_max_0x80"), {
      kind: "progressiveList",
      element: "bool",
    });
    assert.deepEqual(parseCaseType("bitlist", "bitlist_8_but_9"), {kind: "bitlist", limit: 8});
    assert.deepEqual(parseCaseType("bitvector", "bitvec_512_random_513"), {kind: "bitvector", length: 512});
    assert.deepEqual(parseCaseType("uints", "uint_128_last_byte_empty"), {kind: "uint", bits: 128});
    assert.deepEqual(parseCaseType("progressive_bitlist", "progbitlist_no_delimiter_empty"), {kind: "progressiveBitlist"});
    assert.deepEqual(parseCaseType("boolean", "byte_rev_nibble"), {kind: "boolean"});
    assert.deepEqual(parseCaseType("compatible_unions", "CompatibleUnionBC_zero_selector_2_with_3_data"), {
      kind: "named",
      name: "CompatibleUnionBC",
    });
  });

  it("rejects a name that declares no type, rather than treating it as invalid data", () => {
    assert.throws(() => parseCaseType("basic_vector", "vec_uint7_3_max"), /does not declare/);
    assert.throws(() => parseCaseType("uints", "uint_24_max"), /does not declare/);
    assert.throws(() => parseCaseType("containers", "NoSuchStruct_max"), /does not declare/);
    assert.throws(() => parseCaseType("bitlist", "bitvec_3_max"), /does not declare/);
  });

  it("builds the declared types", () => {
    const vector = buildType(parseCaseType("basic_vector", "vec_uint64_5_zero"));
    assert.ok(vector instanceof VectorBasicType);
    assert.equal(vector.fixedSize, 40);
    const bitlist = buildType(parseCaseType("bitlist", "bitlist_33_max_0"));
    assert.ok(bitlist instanceof BitListType);
    assert.equal(bitlist.limitBits, 33);
    const union = buildType(parseCaseType("compatible_unions", "CompatibleUnionABCA_empty"));
    assert.ok(union instanceof CompatibleUnionType);
    assert.deepEqual(union.selectors, [1, 2, 3, 4]);
  });

  it("cannot build a zero-length vector, which the invalid suite counts as a rejection", () => {
    assert.throws(() => buildType(parseCaseType("basic_vector", "vec_bool_0")));
    assert.throws(() => buildType(parseCaseType("bitvector", "bitvec_0")));
  });
});
