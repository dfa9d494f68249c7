// Response chunks on the wire (phase0 p2p-interface.md "Responding side", altair context bytes):
// <result> [<context-bytes>] <ssz_snappy payload>. An error chunk carries an ErrorMessage.
import {concat, encodeSszSnappy} from "../encoding/sszSnappy.js";
import {RespCode} from "./interface.js";
import {ERROR_MESSAGE_MAX_BYTES} from "./protocols.js";

export function encodeSuccessChunk(bytes: Uint8Array, contextBytes: Uint8Array | null): Uint8Array {
  return concat([Uint8Array.of(RespCode.SUCCESS), ...(contextBytes ? [contextBytes] : []), ...encodeSszSnappy(bytes)]);
}

export function encodeErrorChunk(code: Exclude<RespCode, RespCode.SUCCESS>, message: string): Uint8Array {
  const bytes = new TextEncoder().encode(message).subarray(0, ERROR_MESSAGE_MAX_BYTES);
  return concat([Uint8Array.of(code), ...encodeSszSnappy(bytes)]);
}

/** ErrorMessage bytes as text; any bytes are valid (spec), so decoding never throws. */
export function decodeErrorMessage(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", {fatal: false}).decode(bytes);
}
