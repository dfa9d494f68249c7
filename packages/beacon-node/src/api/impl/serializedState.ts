// A state's SSZ for the API's heaviest reads (the whole validator registry, the debug state). On
// mainnet the registry is ~85% of the state (121 bytes × a million validators) and serializing it
// walks a million tree nodes; it changes rarely within an epoch, so its bytes are kept for the
// latest registry seen, keyed by the registry's (immutable) root node.
import {getNodesAtDepth, type Node} from "@chainsafe/persistent-merkle-tree";
import type {ByteViews, ContainerType, Type} from "@chainsafe/ssz";
import type {CachedBeaconState} from "@hearth/state-transition";

let cachedValidators: {node: Node; bytes: Uint8Array} | null = null;

/** The state's List[Validator] in SSZ. Shared between callers: read it, never write to it. */
export function serializedValidators(cs: CachedBeaconState): Uint8Array {
  // a committed view's node is the registry as it is; serialize() would commit too
  cs.state.commit();
  const validators = cs.state.validators;
  const node = validators.node;
  if (cachedValidators?.node === node) return cachedValidators.bytes;
  const bytes = validators.serialize();
  cachedValidators = {node, bytes};
  return bytes;
}

/** The state's balances in SSZ: 8 bytes per validator. */
export function serializedBalances(cs: CachedBeaconState): Uint8Array {
  cs.state.commit();
  return cs.state.balances.serialize();
}

type AnyContainer = ContainerType<Record<string, Type<unknown>>>;

/**
 * `BeaconState.serialize` of the state, with the registry's bytes taken from serializedValidators:
 * the container's own layout (fixed part with offsets, then the variable fields in order), each
 * other field serialized from its subtree as ssz does.
 */
export function serializeState(cs: CachedBeaconState): Uint8Array {
  const validators = serializedValidators(cs);
  const type = cs.state.type as unknown as AnyContainer;
  const fields = type.fieldsEntries;
  const nodes = getNodesAtDepth(cs.state.node, type.depth, 0, fields.length);
  let size = type.fixedEnd;
  for (let i = 0; i < fields.length; i++) {
    const {fieldName, fieldType} = fields[i];
    if (fieldType.fixedSize !== null) continue;
    size += fieldName === "validators" ? validators.length : fieldType.tree_serializedSize(nodes[i]);
  }
  const uint8Array = new Uint8Array(size);
  const output: ByteViews = {uint8Array, dataView: new DataView(uint8Array.buffer, uint8Array.byteOffset, uint8Array.byteLength)};
  let fixedIndex = 0;
  let variableIndex = type.fixedEnd;
  for (let i = 0; i < fields.length; i++) {
    const {fieldName, fieldType} = fields[i];
    if (fieldType.fixedSize !== null) {
      fixedIndex = fieldType.tree_serializeToBytes(output, fixedIndex, nodes[i]);
      continue;
    }
    output.dataView.setUint32(fixedIndex, variableIndex, true);
    fixedIndex += 4;
    if (fieldName === "validators") {
      uint8Array.set(validators, variableIndex);
      variableIndex += validators.length;
    } else {
      variableIndex = fieldType.tree_serializeToBytes(output, variableIndex, nodes[i]);
    }
  }
  if (variableIndex !== size) throw new Error(`state serialized to ${variableIndex} bytes, expected ${size}`);
  return uint8Array;
}
