import {Type} from "@chainsafe/ssz";

/**
 * How a value travels as JSON. Every `@chainsafe/ssz` type is one (its `toJson`/`fromJson` give
 * the Beacon API's JSON); the hand-written codecs of codecs/json.ts cover the API-only shapes.
 */
export interface JsonCodec<T> {
  toJson(value: T): unknown;
  fromJson(json: unknown): T;
}

/** A codec that also travels as SSZ bytes (`application/octet-stream`). */
export interface SszCodec<T> extends JsonCodec<T> {
  serialize(value: T): Uint8Array;
  deserialize(bytes: Uint8Array): T;
}

export type Codec<T> = JsonCodec<T> | SszCodec<T>;
export type CodecValue<C> = C extends JsonCodec<infer T> ? T : never;

export function isSszCodec<T>(codec: Codec<T>): codec is SszCodec<T> {
  const c = codec as Partial<SszCodec<T>>;
  return typeof c.serialize === "function" && typeof c.deserialize === "function";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isSszType(codec: unknown): codec is Type<any> {
  if (codec instanceof Type) return true;
  // another copy of @chainsafe/ssz would fail instanceof; its types still hash
  const c = codec as {hashTreeRoot?: unknown; fromJson?: unknown} | null;
  return typeof c?.hashTreeRoot === "function" && typeof c.fromJson === "function";
}

export class JsonDecodeError extends Error {
  constructor(
    /** Where the bad value sits, e.g. `[2].validator_index`; empty for the top level. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(path === "" ? reason : `${path}: ${reason}`);
    this.name = "JsonDecodeError";
  }
}
