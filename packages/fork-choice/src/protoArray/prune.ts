// Pruning below the finalized checkpoint: blocks that are not the finalized block or its descendants
// can never again be part of the canonical chain (on_block rejects their children, filter_block_tree
// their leaves), so the tree keeps only the finalized block's subtree.
import {ForkChoiceError, ForkChoiceErrorCode} from "../errors.js";
import {NONE, type ProtoNode, type RootHex} from "./interface.js";
import type {ProtoArray} from "./protoArray.js";

/**
 * Drops every block that is not the finalized block or its descendant, and returns how many went and
 * the old → new index map (NONE for a dropped node) so that votes can follow.
 */
export function pruneProtoArray(protoArray: ProtoArray, finalizedRoot: RootHex): {removed: number; remap: Int32Array} {
  const finalizedIndex = protoArray.getIndex(finalizedRoot);
  if (finalizedIndex === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_BLOCK, {root: finalizedRoot});
  protoArray.applyChanges();
  const old = protoArray.nodes;
  const remap = new Int32Array(old.length).fill(NONE);
  const kept: ProtoNode[] = [];
  // parents come before children, so one forward pass finds the subtree
  for (let i = finalizedIndex; i < old.length; i++) {
    const node = old[i];
    if (i !== finalizedIndex && (node.parent === NONE || remap[node.parent] === NONE)) continue;
    remap[i] = kept.length;
    kept.push(node);
  }
  const removed = old.length - kept.length;
  if (removed === 0) return {removed, remap};
  const at = (i: number): number => (i === NONE ? NONE : remap[i]);
  for (let i = 0; i < kept.length; i++) {
    const node = kept[i];
    node.parent = i === 0 ? NONE : at(node.parent);
    node.children = node.children.map(at).filter((c) => c !== NONE);
    node.bestChild = at(node.bestChild);
    node.bestDescendant = at(node.bestDescendant);
  }
  protoArray.replaceNodes(kept);
  return {removed, remap};
}
