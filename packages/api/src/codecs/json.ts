// Hand-written JSON codecs for the API's own shapes (peers, validator responses, …). They are
// strict: a value that is not exactly what the spec describes throws a JsonDecodeError that
// names where it sits, so a bad request body gets a 400 that points at the field.
import type {Codec, CodecValue, JsonCodec} from "./codec.js";
import {JsonDecodeError} from "./codec.js";
import {decodeJson} from "./strict.js";

/** Runs `fn`, prefixing `step` to the path of any JsonDecodeError it throws. */
export function atPath<T>(step: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof JsonDecodeError) {
      const path = e.path === "" || e.path.startsWith("[") ? step + e.path : `${step}.${e.path}`;
      throw new JsonDecodeError(path, e.reason);
    }
    throw new JsonDecodeError(step, e instanceof Error ? e.message : String(e));
  }
}

function describe(json: unknown): string {
  const s = JSON.stringify(json) ?? String(json);
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

export const jsonString: JsonCodec<string> = {
  toJson: (v) => v,
  fromJson(json) {
    if (typeof json !== "string") throw new JsonDecodeError("", `expected a string, got ${describe(json)}`);
    return json;
  },
};

export const jsonBoolean: JsonCodec<boolean> = {
  toJson: (v) => v,
  fromJson(json) {
    if (typeof json !== "boolean") throw new JsonDecodeError("", `expected a boolean, got ${describe(json)}`);
    return json;
  },
};

/** A uint64 the spec writes as a decimal string, read as a JS number (safe integers only). */
export const jsonUint: JsonCodec<number> = {
  toJson: (v) => String(v),
  fromJson(json) {
    if (typeof json !== "string" || !/^\d+$/.test(json) || !Number.isSafeInteger(Number(json))) {
      throw new JsonDecodeError("", `expected a decimal uint64 string, got ${describe(json)}`);
    }
    return Number(json);
  },
};

/** A uint64/uint256 decimal string read as a bigint. */
export const jsonBigUint: JsonCodec<bigint> = {
  toJson: (v) => v.toString(10),
  fromJson(json) {
    if (typeof json !== "string" || !/^\d+$/.test(json)) {
      throw new JsonDecodeError("", `expected a decimal integer string, got ${describe(json)}`);
    }
    return BigInt(json);
  },
};

export function jsonEnum<const T extends string>(values: readonly T[]): JsonCodec<T> {
  return {
    toJson: (v) => v,
    fromJson(json) {
      if (typeof json !== "string" || !(values as readonly string[]).includes(json)) {
        throw new JsonDecodeError("", `expected one of ${values.join(", ")}, got ${describe(json)}`);
      }
      return json as T;
    },
  };
}

export function jsonArray<T>(item: Codec<T>): JsonCodec<T[]> {
  return {
    toJson: (v) => v.map((x) => item.toJson(x)),
    fromJson(json) {
      if (!Array.isArray(json)) throw new JsonDecodeError("", `expected an array, got ${describe(json)}`);
      return json.map((x, i) => atPath(`[${i}]`, () => decodeJson(item, x)));
    },
  };
}

export function jsonNullable<T>(inner: Codec<T>): JsonCodec<T | null> {
  return {
    toJson: (v) => (v === null ? null : inner.toJson(v)),
    fromJson: (json) => (json === null ? null : decodeJson(inner, json)),
  };
}

/** Any JSON object, passed through as is (the config spec's open-ended key set). */
export const jsonRecord: JsonCodec<Record<string, unknown>> = {
  toJson: (v) => v,
  fromJson(json) {
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new JsonDecodeError("", `expected an object, got ${describe(json)}`);
    }
    return json as Record<string, unknown>;
  },
};

/** Marks a field of jsonObject that may be absent. */
export interface OptionalField<T> {
  readonly optional: Codec<T>;
}
export function optional<T>(codec: Codec<T>): OptionalField<T> {
  return {optional: codec};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FieldDefs = Record<string, Codec<any> | OptionalField<any>>;
type RequiredFieldKeys<F> = {[K in keyof F]: F[K] extends OptionalField<unknown> ? never : K}[keyof F];
type OptionalFieldKeys<F> = Exclude<keyof F, RequiredFieldKeys<F>>;
type FieldValue<D> = D extends OptionalField<infer T> ? T : CodecValue<D>;
export type ObjectValue<F> = {[K in RequiredFieldKeys<F>]: FieldValue<F[K]>} & {[K in OptionalFieldKeys<F>]?: FieldValue<F[K]>};

/** camelCase → snake_case, the spec's JSON casing (validatorIndex → validator_index). */
export function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** An object whose camelCase fields travel under their snake_case names. Unknown keys are ignored. */
export function jsonObject<F extends FieldDefs>(fields: F): JsonCodec<ObjectValue<F>> {
  const entries = Object.entries(fields).map(([key, def]) => {
    const isOptional = "optional" in def && !("toJson" in def);
    const codec = isOptional ? (def as OptionalField<unknown>).optional : (def as Codec<unknown>);
    return {key, jsonKey: toSnakeCase(key), codec, isOptional};
  });
  return {
    toJson(value) {
      const out: Record<string, unknown> = {};
      const v = value as Record<string, unknown>;
      for (const {key, jsonKey, codec} of entries) {
        if (v[key] !== undefined) out[jsonKey] = codec.toJson(v[key]);
      }
      return out;
    },
    fromJson(json) {
      if (typeof json !== "object" || json === null || Array.isArray(json)) {
        throw new JsonDecodeError("", `expected an object, got ${describe(json)}`);
      }
      const j = json as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const {key, jsonKey, codec, isOptional} of entries) {
        if (j[jsonKey] === undefined) {
          if (isOptional) continue;
          throw new JsonDecodeError(jsonKey, "missing");
        }
        out[key] = atPath(jsonKey, () => decodeJson(codec, j[jsonKey]));
      }
      return out as ObjectValue<F>;
    },
  };
}
