// The ssz_snappy encoding of one req/resp payload (phase0 p2p-interface.md "SSZ-snappy encoding
// strategy"): the SSZ length as an unsigned varint, then the SSZ bytes in snappy frames.
import type {Type} from "@chainsafe/ssz";
import {encodeVarint, MAX_VARINT_BYTES} from "./varint.js";
import {encodeSnappyFrames, readSnappyFrames} from "./snappyFrames.js";
import {SszSnappyError, SszSnappyErrorCode} from "./errors.js";
import type {BufferedSource} from "./bufferedSource.js";

/** MAX_PAYLOAD_SIZE (phase0 p2p config): no chunk, whatever its type, decodes to more. */
export const MAX_PAYLOAD_SIZE = 10 * 2 ** 20;

export interface SizeBounds {
  minSize: number;
  maxSize: number;
}

/** The bounds a length prefix must be within: the type's SSZ bounds, capped at MAX_PAYLOAD_SIZE. */
export function sszBounds(type: Type<unknown>, maxPayloadSize = MAX_PAYLOAD_SIZE): SizeBounds {
  return {minSize: type.minSize, maxSize: Math.min(type.maxSize, maxPayloadSize)};
}

/** varint(length) ‖ snappy frames(ssz), as parts ready to write to a stream. */
export function encodeSszSnappy(ssz: Uint8Array): Uint8Array[] {
  return [encodeVarint(ssz.length), ...encodeSnappyFrames(ssz)];
}

/** Concatenated form of encodeSszSnappy, for tests and small messages. */
export function encodeSszSnappyBytes(ssz: Uint8Array): Uint8Array {
  return concat(encodeSszSnappy(ssz));
}

/**
 * Reads the length prefix; null when the stream ends before its first byte (a clean end between
 * chunks). Rejects prefixes longer than 10 bytes, not minimally encoded, or outside `bounds`.
 */
export async function readLengthPrefix(src: BufferedSource, bounds: SizeBounds): Promise<number | null> {
  let value = 0;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = await src.readByte();
    if (byte === null) {
      if (i === 0) return null;
      throw new SszSnappyError(SszSnappyErrorCode.TRUNCATED, {reason: "inside the length prefix"});
    }
    // Beyond 2**53 precision is lost, but any such value is far above every bound anyway.
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      if (byte === 0 && i > 0) throw new SszSnappyError(SszSnappyErrorCode.INVALID_VARINT, {reason: "not minimally encoded"});
      if (value < bounds.minSize || value > bounds.maxSize) {
        throw new SszSnappyError(SszSnappyErrorCode.LENGTH_OUT_OF_BOUNDS, {length: value, ...bounds});
      }
      return value;
    }
  }
  throw new SszSnappyError(SszSnappyErrorCode.INVALID_VARINT, {reason: "longer than 10 bytes"});
}

/** One ssz_snappy payload: the SSZ bytes, or null at a clean end of stream before the prefix. */
export async function readSszSnappyPayload(src: BufferedSource, bounds: SizeBounds): Promise<Uint8Array | null> {
  const length = await readLengthPrefix(src, bounds);
  if (length === null) return null;
  return readSnappyFrames(src, length);
}

/** Deserializes, turning any SSZ failure into INVALID_SSZ. */
export function deserializeSsz<T>(type: Type<T>, bytes: Uint8Array): T {
  try {
    return type.deserialize(bytes);
  } catch (e) {
    throw new SszSnappyError(SszSnappyErrorCode.INVALID_SSZ, {type: type.typeName, reason: (e as Error).message});
  }
}

/**
 * A whole request payload of `type`: the prefix, the frames, then the end of the stream (the
 * requester half-closes after writing; bytes after the payload are invalid).
 */
export async function readSszSnappyRequest<T>(src: BufferedSource, type: Type<T>, maxPayloadSize?: number): Promise<T> {
  const bytes = await readSszSnappyPayload(src, sszBounds(type, maxPayloadSize));
  if (bytes === null) throw new SszSnappyError(SszSnappyErrorCode.TRUNCATED, {reason: "empty request"});
  if (!(await src.atEnd())) throw new SszSnappyError(SszSnappyErrorCode.TRAILING_BYTES);
  return deserializeSsz(type, bytes);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
