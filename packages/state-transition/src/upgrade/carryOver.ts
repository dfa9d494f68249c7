// The common step of every upgrade_to_<fork>: a state of the new fork whose fields are the old
// state's, as they are. Built from the old tree's field nodes, so that the validators, balances and
// roots are shared rather than copied: an upgrade of a million-validator state costs the same as of ten.
import {getNodeAtDepth, subtreeFillToContents, type Node} from "@chainsafe/persistent-merkle-tree";
import type {CompositeViewDU, ContainerType, Type} from "@chainsafe/ssz";
import type {BeaconStateAllForks} from "../types.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContainer = ContainerType<Record<string, Type<any>>>;

/** The default tree's field nodes of each state type: trees are immutable, so one copy serves all upgrades. */
const defaultFieldNodes = new WeakMap<object, Node[]>();

function getDefaultFieldNodes(type: AnyContainer): Node[] {
  let nodes = defaultFieldNodes.get(type);
  if (!nodes) {
    const root = type.commitViewDU(type.defaultViewDU());
    nodes = type.fieldsEntries.map((_, i) => getNodeAtDepth(root, type.depth, i));
    defaultFieldNodes.set(type, nodes);
  }
  return nodes;
}

/**
 * A view of `postType` holding every field of `pre` that has the same name and the same SSZ type in
 * both forks; any other field (new in the fork, or retyped like the execution payload header) is
 * left at its default for the upgrade to fill in. `pre` must not be used afterwards.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function carryOverState<T extends ContainerType<any>>(pre: BeaconStateAllForks, type: T): CompositeViewDU<T> {
  const postType = type as unknown as AnyContainer;
  pre.commit();
  const preType = pre.type as unknown as AnyContainer;
  const preNode = pre.node;
  const preIndexByName = new Map(preType.fieldsEntries.map((entry, i) => [entry.fieldName, i]));
  const nodes = getDefaultFieldNodes(postType).slice();
  postType.fieldsEntries.forEach(({fieldName, fieldType}, i) => {
    const preIndex = preIndexByName.get(fieldName);
    if (preIndex !== undefined && preType.fields[fieldName] === fieldType) nodes[i] = getNodeAtDepth(preNode, preType.depth, preIndex);
  });
  return postType.getViewDU(subtreeFillToContents(nodes, postType.depth)) as unknown as CompositeViewDU<T>;
}
