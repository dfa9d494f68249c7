import {
  ContainerType,
  ListBasicType,
  ListCompositeType,
  UintBigintType,
  UintNumberType,
  VectorBasicType,
  VectorCompositeType,
  type Type,
} from "@chainsafe/ssz";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Type<any>;

const cache = new WeakMap<AnyType, AnyType>();
const uint64Bigint = new UintBigintType(8);

/**
 * The same SSZ type with every uint64 held as a bigint. The node holds uint64 as JS numbers, which
 * is exact for every value a chain reaches but not for the random 64-bit values of the ssz_static
 * vectors; those check the structure of our types, so the structure is kept and only the integer
 * representation changes.
 */
export function withBigintUint64<T extends AnyType>(type: T): T {
  const cached = cache.get(type);
  if (cached) return cached as T;
  const converted = convert(type);
  cache.set(type, converted);
  return converted as T;
}

function convert(type: AnyType): AnyType {
  if (type instanceof UintNumberType) return type.byteLength === 8 ? uint64Bigint : type;
  // ListUintNum64Type and ContainerNodeStructType are subclasses of these: rebuilt as the plain kind.
  if (type instanceof ListBasicType) return new ListBasicType(withBigintUint64(type.elementType), type.limit);
  if (type instanceof VectorBasicType) return new VectorBasicType(withBigintUint64(type.elementType), type.length);
  if (type instanceof ListCompositeType) return new ListCompositeType(withBigintUint64(type.elementType), type.limit);
  if (type instanceof VectorCompositeType) return new VectorCompositeType(withBigintUint64(type.elementType), type.length);
  if (type instanceof ContainerType) {
    const fields: Record<string, AnyType> = {};
    for (const [name, fieldType] of Object.entries(type.fields as Record<string, AnyType>)) fields[name] = withBigintUint64(fieldType);
    return new ContainerType(fields, {typeName: type.typeName, jsonCase: "eth2"});
  }
  return type;
}
