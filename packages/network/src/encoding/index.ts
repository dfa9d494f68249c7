export * from "./errors.js";
export {crc32c, maskedCrc32c} from "./crc32c.js";
export {encodeVarint, varintLength, MAX_VARINT_BYTES} from "./varint.js";
export {BufferedSource, type ByteChunk} from "./bufferedSource.js";
export {encodeSnappyFrames, readSnappyFrames, maxCompressedLen, STREAM_IDENTIFIER, MAX_CHUNK_DATA} from "./snappyFrames.js";
export * from "./sszSnappy.js";
