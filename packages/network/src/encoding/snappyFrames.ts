// The snappy framing format (https://github.com/google/snappy/blob/main/framing_format.txt): a stream
// identifier, then chunks of at most 65536 uncompressed bytes, each compressed (0x00) or stored
// (0x01), with the masked CRC32C of the uncompressed data. `snappy` does the block compression; the
// framing is here so every bound (chunk size, declared length, checksum) is checked before allocating.
import {compressSync, uncompressSync} from "snappy";
import {maskedCrc32c} from "./crc32c.js";
import {SszSnappyError, SszSnappyErrorCode} from "./errors.js";
import type {BufferedSource} from "./bufferedSource.js";

export const CHUNK_COMPRESSED = 0x00;
export const CHUNK_UNCOMPRESSED = 0x01;
export const CHUNK_PADDING = 0xfe;
export const CHUNK_STREAM_IDENTIFIER = 0xff;
/** Largest uncompressed data one chunk may carry. */
export const MAX_CHUNK_DATA = 65536;
/** The stream identifier chunk: type 0xff, length 6, "sNaPpY". */
export const STREAM_IDENTIFIER = Uint8Array.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);
const STREAM_IDENTIFIER_BODY = STREAM_IDENTIFIER.subarray(4);

/** phase0 p2p-interface.md max_compressed_len: the worst case of snappy on n bytes. */
export function maxCompressedLen(n: number): number {
  return 32 + n + Math.floor(n / 6);
}

function chunkHeader(type: number, length: number): Uint8Array {
  return Uint8Array.from([type, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff]);
}

function crcBytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, maskedCrc32c(data), true);
  return out;
}

/** Frames `data`: the stream identifier, then one chunk per 64 KiB, stored raw when snappy does not shrink it. */
export function encodeSnappyFrames(data: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [STREAM_IDENTIFIER];
  for (let offset = 0; offset < data.length; offset += MAX_CHUNK_DATA) {
    const slice = data.subarray(offset, offset + MAX_CHUNK_DATA);
    const compressed = compressSync(slice);
    const useCompressed = compressed.length < slice.length;
    const body = useCompressed ? compressed : slice;
    parts.push(chunkHeader(useCompressed ? CHUNK_COMPRESSED : CHUNK_UNCOMPRESSED, body.length + 4), crcBytes(slice), body);
  }
  return parts;
}

/** The uncompressed length a raw snappy block declares in its leading varint (at most 5 bytes for 32 bits). */
function snappyDeclaredLength(block: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < 5 && i < block.length; i++) {
    value += (block[i] & 0x7f) * 2 ** (7 * i);
    if ((block[i] & 0x80) === 0) return value;
  }
  throw new SszSnappyError(SszSnappyErrorCode.INVALID_SNAPPY, {reason: "bad block length varint"});
}

/**
 * Reads frames from `src` until exactly `n` uncompressed bytes are decoded, never reading more than
 * max_compressed_len(n) framed bytes. Stops at the frame that completes `n`, so what follows (the
 * next response chunk) stays in `src`.
 */
export async function readSnappyFrames(src: BufferedSource, n: number): Promise<Uint8Array> {
  const maxFramed = maxCompressedLen(n);
  const out = new Uint8Array(n);
  let decoded = 0;
  let framed = 0;
  let sawIdentifier = false;

  // An empty payload may be sent as nothing at all or as a bare stream identifier.
  if (n === 0 && (await src.peekByte()) !== CHUNK_STREAM_IDENTIFIER) return out;

  while (decoded < n || !sawIdentifier) {
    const header = await src.readExactly(4);
    if (header === null) throw new SszSnappyError(SszSnappyErrorCode.TRUNCATED, {expected: n, decoded});
    const type = header[0];
    const length = header[1] | (header[2] << 8) | (header[3] << 16);
    framed += 4 + length;
    if (framed > maxFramed) throw new SszSnappyError(SszSnappyErrorCode.TOO_MANY_BYTES, {framed, maxFramed});
    if (!sawIdentifier && type !== CHUNK_STREAM_IDENTIFIER) {
      throw new SszSnappyError(SszSnappyErrorCode.INVALID_FRAME, {reason: "missing stream identifier", type});
    }
    if (type >= 0x02 && type <= 0x7f) throw new SszSnappyError(SszSnappyErrorCode.INVALID_FRAME, {reason: "reserved unskippable chunk", type});

    const body = await src.readExactly(length);
    if (body === null) throw new SszSnappyError(SszSnappyErrorCode.TRUNCATED, {expected: n, decoded});

    if (type === CHUNK_STREAM_IDENTIFIER) {
      if (length !== 6 || !STREAM_IDENTIFIER_BODY.every((b, i) => body[i] === b)) {
        throw new SszSnappyError(SszSnappyErrorCode.INVALID_FRAME, {reason: "bad stream identifier"});
      }
      sawIdentifier = true;
      continue;
    }
    if (type !== CHUNK_COMPRESSED && type !== CHUNK_UNCOMPRESSED) continue; // padding and reserved skippable chunks

    if (length < 4) throw new SszSnappyError(SszSnappyErrorCode.INVALID_FRAME, {reason: "chunk shorter than its checksum", length});
    const expectedCrc = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
    const payload = body.subarray(4);
    let data: Uint8Array;
    if (type === CHUNK_UNCOMPRESSED) {
      data = payload;
    } else {
      // Check the declared size before the native decoder allocates it: a few bytes can claim 4 GiB.
      const declared = snappyDeclaredLength(payload);
      if (declared > MAX_CHUNK_DATA) throw new SszSnappyError(SszSnappyErrorCode.INVALID_FRAME, {reason: "chunk above 64 KiB", declared});
      if (declared > n - decoded) throw new SszSnappyError(SszSnappyErrorCode.TOO_MANY_BYTES, {expected: n, got: decoded + declared});
      try {
        data = uncompressSync(payload, {asBuffer: true}) as Buffer;
      } catch (e) {
        throw new SszSnappyError(SszSnappyErrorCode.INVALID_SNAPPY, {reason: (e as Error).message});
      }
      if (data.length !== declared) throw new SszSnappyError(SszSnappyErrorCode.INVALID_SNAPPY, {reason: "length mismatch"});
    }
    if (data.length > MAX_CHUNK_DATA) throw new SszSnappyError(SszSnappyErrorCode.INVALID_FRAME, {reason: "chunk above 64 KiB", length: data.length});
    if (data.length > n - decoded) throw new SszSnappyError(SszSnappyErrorCode.TOO_MANY_BYTES, {expected: n, got: decoded + data.length});
    if (maskedCrc32c(data) !== expectedCrc) throw new SszSnappyError(SszSnappyErrorCode.BAD_CHECKSUM);
    out.set(data, decoded);
    decoded += data.length;
  }
  return out;
}
