import {isForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {CompositeType} from "@chainsafe/ssz";
import type {RunnerBinding} from "../types.js";
import {readSszSnappy, readYaml, fromHex} from "../util/files.js";
import {expectBytesEqual, bytesEqual} from "../util/assert.js";
import {withBigintUint64} from "../util/bigintTypes.js";

/**
 * ssz_static: for each container of each fork, the serialized bytes must deserialize, hash to
 * roots.yaml's root, and serialize back to the same bytes (tests/formats/ssz_static/core.md).
 * Both the value path and the tree-backed view (as the node holds states) are checked. uint64s are
 * bigints here, so that the random cases' values above 2**53 keep every bit.
 */
export const sszStatic: RunnerBinding = {
  handler(typeName, fork) {
    if (!isForkName(fork)) return null;
    const nodeType = (sszTypesFor(fork) as unknown as Record<string, unknown>)[typeName] as CompositeType<unknown, never, never> | undefined;
    if (!nodeType || typeof nodeType !== "object" || !("deserializeToViewDU" in nodeType)) return null;
    const type = withBigintUint64(nodeType);
    return (c) => {
      const serialized = readSszSnappy(c.dir, "serialized");
      const {root} = readYaml<{root: string}>(c.dir, "roots");
      const value = type.deserialize(serialized);
      expectBytesEqual(type.hashTreeRoot(value), fromHex(root), "hash_tree_root of the value");
      expectBytesEqual(type.serialize(value), serialized, "serialized value");
      const view = type.deserializeToViewDU(serialized) as unknown as {hashTreeRoot(): Uint8Array; serialize(): Uint8Array};
      expectBytesEqual(view.hashTreeRoot(), fromHex(root), "hash_tree_root");
      expectBytesEqual(view.serialize(), serialized, "re-serialized bytes");

      // The node's own types (uint64 as number, validators as node structs) must agree wherever every
      // value of the case fits a number, which the re-serialization tells.
      const nodeView = nodeType.deserializeToViewDU(serialized) as unknown as {hashTreeRoot(): Uint8Array; serialize(): Uint8Array};
      if (bytesEqual(nodeView.serialize(), serialized)) expectBytesEqual(nodeView.hashTreeRoot(), fromHex(root), "hash_tree_root of the node type");
    };
  },
};
