import {
  BitListType,
  BitVectorType,
  BooleanType,
  ProgressiveBitListType,
  ProgressiveListBasicType,
  UintBigintType,
  UintNumberType,
  VectorBasicType,
  type BasicType,
  type Type,
} from "@chainsafe/ssz";
import {NAMED_TEST_TYPES} from "./testTypes.js";

/** The basic element types that ssz_generic case names use. */
export const BASIC_TYPE_NAMES = ["bool", "uint8", "uint16", "uint32", "uint64", "uint128", "uint256"] as const;
export type BasicTypeName = (typeof BASIC_TYPE_NAMES)[number];
const UINT_BITS = [8, 16, 32, 64, 128, 256];

/**
 * The SSZ type a case name declares, before it is built. Parsing and building are separate steps
 * because an invalid case may declare a type that cannot exist (a zero-length vector): failing to
 * build it is a valid way to reject the case, failing to parse the name is a bug in this runner.
 */
export type TypeDeclaration =
  | {kind: "boolean"}
  | {kind: "uint"; bits: number}
  | {kind: "vector"; element: BasicTypeName; length: number}
  | {kind: "progressiveList"; element: BasicTypeName}
  | {kind: "bitlist"; limit: number}
  | {kind: "bitvector"; length: number}
  | {kind: "progressiveBitlist"}
  | {kind: "named"; name: string};

/**
 * Reads the type out of a case name, per the "Type declarations" section of
 * tests/formats/ssz_generic/README.md: e.g. `vec_uint16_31_max` is Vector[uint16, 31] and
 * `bitlist_8_but_9` is Bitlist[8]; anything after the declared parts only describes the contents.
 */
export function parseCaseType(handler: string, caseName: string): TypeDeclaration {
  const parts = caseName.split("_");
  const fail = (): never => {
    throw new Error(`case name ${caseName} does not declare a ${handler} type`);
  };
  const expectPrefix = (prefix: string): void => {
    if (parts[0] !== prefix) fail();
  };
  const count = (s: string | undefined): number => (s !== undefined && /^\d+$/.test(s) ? Number(s) : fail());
  const basic = (s: string | undefined): BasicTypeName =>
    BASIC_TYPE_NAMES.includes(s as BasicTypeName) ? (s as BasicTypeName) : fail();

  switch (handler) {
    case "boolean":
      return {kind: "boolean"};
    case "uints": {
      expectPrefix("uint");
      const bits = count(parts[1]);
      if (!UINT_BITS.includes(bits)) fail();
      return {kind: "uint", bits};
    }
    case "basic_vector":
      expectPrefix("vec");
      return {kind: "vector", element: basic(parts[1]), length: count(parts[2])};
    case "basic_progressive_list":
      expectPrefix("proglist");
      return {kind: "progressiveList", element: basic(parts[1])};
    case "bitlist":
      expectPrefix("bitlist");
      return {kind: "bitlist", limit: count(parts[1])};
    case "bitvector":
      expectPrefix("bitvec");
      return {kind: "bitvector", length: count(parts[1])};
    case "progressive_bitlist":
      expectPrefix("progbitlist");
      return {kind: "progressiveBitlist"};
    case "containers":
    case "progressive_containers":
    case "compatible_unions": {
      // Structure names have no underscore, so the first part names the structure.
      const name = parts[0];
      if (!(name in NAMED_TEST_TYPES)) fail();
      return {kind: "named", name};
    }
    default:
      throw new Error(`unknown ssz_generic handler ${handler}`);
  }
}

/** Builds the declared type; throws when the declaration is not a legal SSZ type. */
export function buildType(decl: TypeDeclaration): Type<unknown> {
  switch (decl.kind) {
    case "boolean":
      return new BooleanType();
    case "uint":
      return uintType(decl.bits);
    case "vector":
      // ssz checks the length itself, but make the zero-length rule explicit: SSZ forbids it.
      if (decl.length < 1) throw new Error("a vector needs at least one element");
      return new VectorBasicType(basicType(decl.element), decl.length);
    case "progressiveList":
      return new ProgressiveListBasicType(basicType(decl.element));
    case "bitlist":
      return new BitListType(decl.limit);
    case "bitvector":
      if (decl.length < 1) throw new Error("a bitvector needs at least one bit");
      return new BitVectorType(decl.length);
    case "progressiveBitlist":
      return new ProgressiveBitListType();
    case "named":
      return NAMED_TEST_TYPES[decl.name];
  }
}

/**
 * uint64 and wider are bigints so that every value keeps all its bits; narrower ones are numbers,
 * as in our real types.
 */
function uintType(bits: number): BasicType<unknown> {
  switch (bits) {
    case 8:
    case 16:
    case 32:
      return new UintNumberType((bits / 8) as 1 | 2 | 4);
    case 64:
    case 128:
    case 256:
      return new UintBigintType((bits / 8) as 8 | 16 | 32);
    default:
      throw new Error(`no uint of ${bits} bits`);
  }
}

function basicType(name: BasicTypeName): BasicType<unknown> {
  return name === "bool" ? new BooleanType() : uintType(Number(name.slice("uint".length)));
}
