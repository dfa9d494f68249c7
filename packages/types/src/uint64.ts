import {UintNumberType, type ByteViews} from "@chainsafe/ssz";
import {LeafNode, type Node} from "@chainsafe/persistent-merkle-tree";

const TWO_POW_64 = 2 ** 64;

/**
 * uint64 held as a JS number, whose tree keeps the exact bytes. The library's number type goes
 * through a float on its way into the tree, and values just under 2**64 round to 2**64 and wrap to 0,
 * so a state holding e.g. an exit epoch of 2**64 - 2 would hash and re-serialize as another state.
 * Here the bytes go into the leaf as they are; a read rounds as numbers do (2**64 - 1 is Infinity),
 * and a write of a number that is no uint64 throws instead of wrapping.
 */
export class ExactUintNum64Type extends UintNumberType {
  constructor() {
    super(8, {clipInfinity: true});
  }

  override tree_deserializeFromBytes(data: ByteViews, start: number, end: number): Node {
    if (end - start !== 8) throw new Error(`Invalid size ${end - start} expected 8`);
    const chunk = new Uint8Array(32);
    chunk.set(data.uint8Array.subarray(start, end));
    return LeafNode.fromRoot(chunk);
  }

  override tree_serializeToBytes(output: ByteViews, offset: number, node: Node): number {
    output.uint8Array.set(node.root.subarray(0, 8), offset);
    return offset + 8;
  }

  override value_toTree(value: number): Node {
    assertUint64(value);
    return super.value_toTree(value);
  }

  override tree_setToNode(leafNode: LeafNode, value: number): void {
    assertUint64(value);
    super.tree_setToNode(leafNode, value);
  }
}

function assertUint64(value: number): void {
  if (value !== Infinity && !(value >= 0 && value < TWO_POW_64)) throw new Error(`uint64 overflow: ${value}`);
}
