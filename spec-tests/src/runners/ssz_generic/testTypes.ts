// The structures that the containers, progressive_containers and compatible_unions handlers name,
// as defined in the spec's generator:
// tests/core/pyspec/eth_consensus_specs/test/phase0/ssz_generic/ssz_generic_cases/ssz_container.py,
// ssz_progressive_container.py and ssz_compatible_union.py.
import {
  BitListType,
  BitVectorType,
  ByteListType,
  CompatibleUnionType,
  ContainerType,
  ListBasicType,
  ListCompositeType,
  ProgressiveBitListType,
  ProgressiveByteListType,
  ProgressiveContainerType,
  ProgressiveListBasicType,
  ProgressiveListCompositeType,
  UintBigintType,
  UintNumberType,
  VectorCompositeType,
  type Type,
} from "@chainsafe/ssz";

const uint8 = new UintNumberType(1);
/** Python's Byte: serialized and merkleized exactly as a uint8. */
const byte = uint8;
const uint16 = new UintNumberType(2);
const uint32 = new UintNumberType(4);
const uint64 = new UintBigintType(8);

/** Python's active_fields=[1, 0, 1] as the library wants it. */
const active = (...bits: (0 | 1)[]): boolean[] => bits.map((b) => b === 1);

// ssz_container.py

const SingleFieldTestStruct = new ContainerType({A: byte});

const SmallTestStruct = new ContainerType({A: uint16, B: uint16});

const FixedTestStruct = new ContainerType({A: uint8, B: uint64, C: uint32});

const VarTestStruct = new ContainerType({A: uint16, B: new ListBasicType(uint16, 1024), C: uint8});

const ComplexTestStruct = new ContainerType({
  A: uint16,
  B: new ListBasicType(uint16, 128),
  C: uint8,
  D: new ByteListType(256),
  E: VarTestStruct,
  F: new VectorCompositeType(FixedTestStruct, 4),
  G: new VectorCompositeType(VarTestStruct, 2),
});

// ProgressiveList[Byte] is the progressive byte list: its value (and its yaml) is plain bytes.
const ProgressiveTestStruct = new ContainerType({
  A: new ProgressiveByteListType(),
  B: new ProgressiveListBasicType(uint64),
  C: new ProgressiveListCompositeType(SmallTestStruct),
  D: new ProgressiveListCompositeType(new ProgressiveListCompositeType(VarTestStruct)),
});

const BitsStruct = new ContainerType({
  A: new BitListType(5),
  B: new BitVectorType(2),
  C: new BitVectorType(1),
  D: new BitListType(6),
  E: new BitVectorType(8),
});

const ProgressiveBitsStruct = new ContainerType({
  A: new BitVectorType(256),
  B: new BitListType(256),
  C: new ProgressiveBitListType(),
  D: new BitVectorType(257),
  E: new BitListType(257),
  F: new ProgressiveBitListType(),
  G: new BitVectorType(1280),
  H: new BitListType(1280),
  I: new ProgressiveBitListType(),
  J: new BitVectorType(1281),
  K: new BitListType(1281),
  L: new ProgressiveBitListType(),
});

// ssz_progressive_container.py

const ProgressiveSingleFieldContainerTestStruct = new ProgressiveContainerType({A: byte}, active(1));

const ProgressiveSingleListContainerTestStruct = new ProgressiveContainerType(
  {C: new ProgressiveBitListType()},
  active(0, 0, 0, 0, 1)
);

const ProgressiveVarTestStruct = new ProgressiveContainerType(
  {A: byte, B: new ListBasicType(uint16, 123), C: new ProgressiveBitListType()},
  active(1, 0, 1, 0, 1)
);

const ProgressiveComplexTestStruct = new ProgressiveContainerType(
  {
    A: byte,
    B: new ListBasicType(uint16, 123),
    C: new ProgressiveBitListType(),
    D: new ProgressiveListBasicType(uint64),
    E: new ProgressiveListCompositeType(SmallTestStruct),
    F: new ProgressiveListCompositeType(new ProgressiveListCompositeType(VarTestStruct)),
    G: new ListCompositeType(ProgressiveSingleFieldContainerTestStruct, 10),
    H: new ProgressiveListCompositeType(ProgressiveVarTestStruct),
  },
  active(1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1)
);

// ssz_compatible_union.py

const CompatibleUnionA = new CompatibleUnionType({1: ProgressiveSingleFieldContainerTestStruct});

const CompatibleUnionBC = new CompatibleUnionType({
  2: ProgressiveSingleListContainerTestStruct,
  3: ProgressiveVarTestStruct,
});

const CompatibleUnionABCA = new CompatibleUnionType({
  1: ProgressiveSingleFieldContainerTestStruct,
  2: ProgressiveSingleListContainerTestStruct,
  3: ProgressiveVarTestStruct,
  4: ProgressiveSingleFieldContainerTestStruct,
});

/** Structure name, as the first part of a case name, → its type. */
export const NAMED_TEST_TYPES: Record<string, Type<unknown>> = {
  SingleFieldTestStruct,
  SmallTestStruct,
  FixedTestStruct,
  VarTestStruct,
  ComplexTestStruct,
  ProgressiveTestStruct,
  BitsStruct,
  ProgressiveBitsStruct,
  ProgressiveSingleFieldContainerTestStruct,
  ProgressiveSingleListContainerTestStruct,
  ProgressiveVarTestStruct,
  ProgressiveComplexTestStruct,
  CompatibleUnionA,
  CompatibleUnionBC,
  CompatibleUnionABCA,
};
