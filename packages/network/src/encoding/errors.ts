// Why an ssz_snappy chunk was refused. Each code is a peer fault except where noted; req/resp maps
// them to an INVALID_REQUEST answer (requests) or a peer penalty (responses).

export enum SszSnappyErrorCode {
  /** The length prefix is not a valid varint (too long, or not minimal). */
  INVALID_VARINT = "SSZ_SNAPPY_INVALID_VARINT",
  /** The length prefix is outside the type's SSZ bounds or above MAX_PAYLOAD_SIZE. */
  LENGTH_OUT_OF_BOUNDS = "SSZ_SNAPPY_LENGTH_OUT_OF_BOUNDS",
  /** The first frame is not the stream identifier, or a frame is malformed / of a reserved type. */
  INVALID_FRAME = "SSZ_SNAPPY_INVALID_FRAME",
  /** A compressed frame does not decompress. */
  INVALID_SNAPPY = "SSZ_SNAPPY_INVALID_SNAPPY",
  /** A frame's masked CRC32C does not match its data. */
  BAD_CHECKSUM = "SSZ_SNAPPY_BAD_CHECKSUM",
  /** The frames hold more bytes than the length prefix, or read more than max_compressed_len(n). */
  TOO_MANY_BYTES = "SSZ_SNAPPY_TOO_MANY_BYTES",
  /** The stream ended before the prefix or the payload was complete. */
  TRUNCATED = "SSZ_SNAPPY_TRUNCATED",
  /** Bytes follow a request that must end the stream. */
  TRAILING_BYTES = "SSZ_SNAPPY_TRAILING_BYTES",
  /** The bytes decoded but are not valid SSZ of the expected type. */
  INVALID_SSZ = "SSZ_SNAPPY_INVALID_SSZ",
}

export class SszSnappyError extends Error {
  constructor(
    readonly code: SszSnappyErrorCode,
    readonly detail: Record<string, unknown> = {}
  ) {
    super(`${code}${Object.keys(detail).length > 0 ? " " + JSON.stringify(detail) : ""}`);
    this.name = "SszSnappyError";
  }
}
