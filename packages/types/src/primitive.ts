// The spec's custom types (phase0 beacon-chain.md "Custom types" and later forks), as SSZ types.
import {
  BooleanType,
  ByteVectorType,
  UintBigintType,
  UintNumberType,
  ByteListType,
} from "@chainsafe/ssz";
import {
  BYTES_PER_FIELD_ELEMENT,
  FIELD_ELEMENTS_PER_BLOB,
  FIELD_ELEMENTS_PER_CELL,
  MAX_BYTES_PER_TRANSACTION,
} from "@hearth/params";
import {ExactUintNum64Type} from "./uint64.js";

export const Boolean = new BooleanType();
export const Byte = new UintNumberType(1);
export const Uint8 = new UintNumberType(1);
export const Uint16 = new UintNumberType(2);
export const Uint32 = new UintNumberType(4);
/**
 * uint64 as a JS number. Every uint64 the chain really uses (slots, epochs, indices, Gwei of one
 * validator) stays below 2**53; 2**64 - 1 (FAR_FUTURE_EPOCH) reads as Infinity.
 */
export const UintNum64 = new ExactUintNum64Type();
/** uint64 as a bigint, for values that can use all 64 bits (execution block numbers, gas, timestamps). */
export const UintBn64 = new UintBigintType(8);
export const UintBn256 = new UintBigintType(32);
export const Uint64 = UintNum64;
export const Uint256 = UintBn256;

export const Bytes1 = new ByteVectorType(1);
export const Bytes4 = new ByteVectorType(4);
export const Bytes8 = new ByteVectorType(8);
export const Bytes20 = new ByteVectorType(20);
export const Bytes32 = new ByteVectorType(32);
export const Bytes48 = new ByteVectorType(48);
export const Bytes96 = new ByteVectorType(96);

export const Slot = UintNum64;
export const Epoch = UintNum64;
export const CommitteeIndex = UintNum64;
export const ValidatorIndex = UintNum64;
export const Gwei = UintNum64;
export const Root = new ByteVectorType(32);
export const Hash32 = Bytes32;
export const Version = Bytes4;
export const DomainType = Bytes4;
export const ForkDigest = Bytes4;
export const Domain = Bytes32;
export const BLSPubkey = Bytes48;
export const BLSSignature = Bytes96;

// altair
export const ParticipationFlags = Uint8;
// bellatrix
export const ExecutionAddress = Bytes20;
export const Transaction = new ByteListType(MAX_BYTES_PER_TRANSACTION);
// capella
export const WithdrawalIndex = UintNum64;
// deneb
export const VersionedHash = Bytes32;
export const BlobIndex = UintNum64;
export const KZGCommitment = Bytes48;
export const KZGProof = Bytes48;
export const Blob = new ByteVectorType(BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_BLOB);
// fulu
export const Cell = new ByteVectorType(BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_CELL);
export const RowIndex = UintNum64;
export const ColumnIndex = UintNum64;
export const CustodyIndex = UintNum64;
