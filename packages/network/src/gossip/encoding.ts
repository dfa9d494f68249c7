// Gossip payload encoding: raw snappy *block* compression of the SSZ bytes (phase0/p2p-interface.md
// "Encodings": ssz_snappy, no framing on gossip), with the spec's size limits applied BEFORE any
// allocation, and the spec message-id (altair/p2p-interface.md "Topics and messages").
import {createHash} from "node:crypto";
import snappy from "snappy";

/** phase0/p2p-interface.md "Configuration". */
export const MESSAGE_DOMAIN_INVALID_SNAPPY = Uint8Array.from([0, 0, 0, 0]);
export const MESSAGE_DOMAIN_VALID_SNAPPY = Uint8Array.from([1, 0, 0, 0]);
export const GOSSIP_MSG_ID_LENGTH = 20;

/** phase0/p2p-interface.md max_compressed_len: snappy's worst case for n input bytes. */
export function maxCompressedLen(n: number): number {
  return 32 + n + Math.floor(n / 6);
}

/** phase0/p2p-interface.md max_message_size: the cap on a whole gossip/RPC message. */
export function maxMessageSize(maxPayloadSize: number): number {
  return Math.max(maxCompressedLen(maxPayloadSize) + 1024, 1024 * 1024);
}

export enum GossipEncodingErrorCode {
  /** The compressed data is larger than max_compressed_len(limit). */
  COMPRESSED_TOO_LARGE = "GOSSIP_COMPRESSED_TOO_LARGE",
  /** The snappy header announces more than the topic's limit. */
  UNCOMPRESSED_TOO_LARGE = "GOSSIP_UNCOMPRESSED_TOO_LARGE",
  /** Not a valid snappy block. */
  BAD_SNAPPY = "GOSSIP_BAD_SNAPPY",
}

export class GossipEncodingError extends Error {
  constructor(
    readonly code: GossipEncodingErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code} ${JSON.stringify(details)}`);
    this.name = "GossipEncodingError";
  }
}

/**
 * The uncompressed length a snappy block announces: its preamble is a little-endian base-128 varint
 * of at most 5 bytes (32 bits). Returns null when the preamble is malformed.
 */
export function snappyUncompressedLength(data: Uint8Array): number | null {
  let result = 0;
  for (let i = 0; i < 5 && i < data.length; i++) {
    const b = data[i];
    result += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return result;
  }
  return null;
}

/**
 * Snappy-decompresses one gossip payload, refusing before allocation anything that could exceed
 * `maxUncompressed` (the smaller of MAX_PAYLOAD_SIZE and the topic type's SSZ max size).
 */
export function decompressGossip(data: Uint8Array, maxUncompressed: number): Uint8Array {
  if (data.length > maxCompressedLen(maxUncompressed)) {
    throw new GossipEncodingError(GossipEncodingErrorCode.COMPRESSED_TOO_LARGE, {length: data.length, max: maxCompressedLen(maxUncompressed)});
  }
  const announced = snappyUncompressedLength(data);
  if (announced === null) throw new GossipEncodingError(GossipEncodingErrorCode.BAD_SNAPPY, {reason: "bad length preamble"});
  if (announced > maxUncompressed) {
    throw new GossipEncodingError(GossipEncodingErrorCode.UNCOMPRESSED_TOO_LARGE, {announced, max: maxUncompressed});
  }
  let out: Uint8Array;
  try {
    out = snappy.uncompressSync(data, {asBuffer: true}) as Buffer;
  } catch (e) {
    throw new GossipEncodingError(GossipEncodingErrorCode.BAD_SNAPPY, {reason: (e as Error).message});
  }
  if (out.length !== announced) throw new GossipEncodingError(GossipEncodingErrorCode.BAD_SNAPPY, {reason: "length mismatch"});
  return out;
}

export function compressGossip(data: Uint8Array): Uint8Array {
  return snappy.compressSync(data);
}

function uint64LE(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

/**
 * altair/p2p-interface.md: SHA256(MESSAGE_DOMAIN_VALID_SNAPPY + uint_to_bytes(uint64(len(topic))) +
 * topic + snappy_decompress(data))[:20], for data that decompressed.
 */
export function msgIdValidSnappy(topic: string, uncompressed: Uint8Array): Uint8Array {
  return msgIdWithDomain(MESSAGE_DOMAIN_VALID_SNAPPY, topic, uncompressed);
}

/** altair/p2p-interface.md: the same over the raw data with MESSAGE_DOMAIN_INVALID_SNAPPY. */
export function msgIdInvalidSnappy(topic: string, rawData: Uint8Array): Uint8Array {
  return msgIdWithDomain(MESSAGE_DOMAIN_INVALID_SNAPPY, topic, rawData);
}

/**
 * phase0/p2p-interface.md: SHA256(MESSAGE_DOMAIN_VALID_SNAPPY + snappy_decompress(data))[:20] — no
 * topic. altair/p2p-interface.md keeps this id for messages on topics of the phase0 fork digest.
 */
export function msgIdPhase0ValidSnappy(uncompressed: Uint8Array): Uint8Array {
  return first20(createHash("sha256").update(MESSAGE_DOMAIN_VALID_SNAPPY).update(uncompressed).digest());
}

/** phase0/p2p-interface.md: SHA256(MESSAGE_DOMAIN_INVALID_SNAPPY + data)[:20], for data that did not decompress. */
export function msgIdPhase0InvalidSnappy(rawData: Uint8Array): Uint8Array {
  return first20(createHash("sha256").update(MESSAGE_DOMAIN_INVALID_SNAPPY).update(rawData).digest());
}

function first20(digest: Buffer): Uint8Array {
  return new Uint8Array(digest.buffer, digest.byteOffset, GOSSIP_MSG_ID_LENGTH);
}

function msgIdWithDomain(domain: Uint8Array, topic: string, data: Uint8Array): Uint8Array {
  const topicBytes = Buffer.from(topic, "utf8");
  const digest = createHash("sha256").update(domain).update(uint64LE(topicBytes.length)).update(topicBytes).update(data).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, GOSSIP_MSG_ID_LENGTH);
}

/** The spec message-id of a message as received on the wire (topic and compressed data). */
export function computeGossipMsgId(topic: string, rawData: Uint8Array, maxUncompressed: number): Uint8Array {
  try {
    return msgIdValidSnappy(topic, decompressGossip(rawData, maxUncompressed));
  } catch {
    return msgIdInvalidSnappy(topic, rawData);
  }
}
