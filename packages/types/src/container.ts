import {ContainerType, ContainerNodeStructType, type Type} from "@chainsafe/ssz";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, Type<any>>;

/**
 * A spec container. Fields are camelCase in TypeScript; their JSON names are the spec's snake_case
 * ("eth2" casing: eth1Data ↔ eth1_data, attestation1 ↔ attestation_1).
 */
export function container<F extends Fields>(typeName: string, fields: F): ContainerType<F> {
  return new ContainerType(fields, {typeName, jsonCase: "eth2"});
}

/**
 * A container kept as one tree node holding a JS struct: the state's validators use it, which cuts
 * the memory of a million-validator state several times over at no cost in hashing.
 */
export function nodeStructContainer<F extends Fields>(typeName: string, fields: F): ContainerNodeStructType<F> {
  return new ContainerNodeStructType(fields, {typeName, jsonCase: "eth2"});
}
