import {ContainerType, ListBasicType, type Type} from "@chainsafe/ssz";
import {ssz} from "@hearth/types";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, Type<any>>;

/** An API object whose camelCase fields travel under the spec's snake_case names. */
export function apiContainer<F extends Fields>(typeName: string, fields: F): ContainerType<F> {
  return new ContainerType(fields, {typeName, jsonCase: "eth2"});
}

/**
 * The length limit of API lists. It bounds SSZ deserialization only (lists in API bodies are
 * never hashed), so it is the largest the spec allows anywhere: the validator registry's.
 */
export const API_LIST_LIMIT = 2 ** 40;

/** A JSON list of uint64 decimal strings, read as numbers. */
export const UintList = new ListBasicType(ssz.UintNum64, API_LIST_LIMIT);
