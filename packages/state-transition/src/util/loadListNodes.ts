// Loads every chunk node of a basic-type list view in one walk of its tree. A ViewDU loads a chunk on
// its first get/set, walking down from the list's root (35 levels for a registry-sized list) and
// storing it in a sparse array. A block's attestations touch tens of thousands of scattered chunks of
// the participation lists, and one walk of the whole list into a dense array costs much less. The
// loaded cache then follows the state through its clones, so a chain of blocks pays it once.
import {getNodesAtDepth} from "@chainsafe/persistent-merkle-tree";
import type {BasicType, ListBasicTreeViewDU, ListBasicType} from "@chainsafe/ssz";

/** `view` with all chunk nodes loaded: the same view when they already are, else a new view of its committed tree. */
export function withAllListNodesLoaded<E extends BasicType<unknown>>(view: ListBasicTreeViewDU<E>): ListBasicTreeViewDU<E> {
  if (view.cache.nodesPopulated) return view;
  // Pending changes go into the tree first, so that the new view starts from all of them.
  view.commit();
  const type = view.type as ListBasicType<E>;
  const length = view.length;
  const chunkCount = Math.ceil(length / type.itemsPerChunk);
  const nodes = getNodesAtDepth(type.tree_getChunksNode(view.node), type.chunkDepth, 0, chunkCount);
  return type.getViewDU(view.node, {nodes, length, nodesPopulated: true});
}
