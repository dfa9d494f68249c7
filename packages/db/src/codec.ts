import type {CompositeType, TreeViewDU, Type} from "@chainsafe/ssz";
import {FORK_NAMES, ForkSeq, type ForkName} from "@hearth/params";

/**
 * A forked value on disk: one byte, the fork's position in FORK_NAMES, then the SSZ bytes of the
 * fork's type. The byte is what lets a reader pick the right type without knowing the slot's fork
 * schedule, and a byte past the known forks marks data this build cannot read.
 */
export const FORK_BYTE_LENGTH = 1;

/** The fork of a stored value, or null when the first byte is not a fork this build knows. */
export function readForkByte(raw: Uint8Array): ForkName | null {
  if (raw.length < FORK_BYTE_LENGTH) return null;
  return FORK_NAMES[raw[0]] ?? null;
}

/** Fork byte + SSZ of a value, serialized straight into one buffer (no copy of the SSZ bytes). */
export function encodeForkedValue<T>(fork: ForkName, type: Type<T>, value: T): Uint8Array {
  const size = type.value_serializedSize(value);
  const out = new Uint8Array(FORK_BYTE_LENGTH + size);
  out[0] = ForkSeq[fork];
  type.value_serializeToBytes({uint8Array: out, dataView: new DataView(out.buffer)}, FORK_BYTE_LENGTH, value);
  return out;
}

/**
 * Fork byte + SSZ of a tree-backed view. Serializing into a buffer sized with the fork byte avoids
 * copying a state of hundreds of MB once more.
 */
export function encodeForkedView(fork: ForkName, view: TreeViewDU<CompositeType<unknown, unknown, unknown>>): Uint8Array {
  // Pending changes live outside the tree until commit; serializing the node without it would drop them.
  view.commit();
  const size = view.type.tree_serializedSize(view.node);
  const out = new Uint8Array(FORK_BYTE_LENGTH + size);
  out[0] = ForkSeq[fork];
  view.serializeToBytes({uint8Array: out, dataView: new DataView(out.buffer)}, FORK_BYTE_LENGTH);
  return out;
}

/** The SSZ part of a stored forked value (a view, no copy). */
export function sszBytesOf(raw: Uint8Array): Uint8Array {
  return raw.subarray(FORK_BYTE_LENGTH);
}
