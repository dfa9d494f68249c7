import {CodedError} from "@hearth/params";

// Typed errors of the data-availability checks: what was wrong with a sidecar, or why a block's data
// is not (yet) available.
export enum DataAvailabilityErrorCode {
  /** A sidecar's signed header is not the block's. */
  HEADER_MISMATCH = "DATA_AVAILABILITY_ERROR_HEADER_MISMATCH",
  /** The commitments (or commitment) of a sidecar are not the block's, by inclusion proof or value. */
  INVALID_INCLUSION_PROOF = "DATA_AVAILABILITY_ERROR_INVALID_INCLUSION_PROOF",
  /** verify_data_column_sidecar: index, count or lengths out of bounds. */
  INVALID_SIDECAR = "DATA_AVAILABILITY_ERROR_INVALID_SIDECAR",
  /** The KZG proofs do not match the blobs or cells. */
  INVALID_KZG_PROOF = "DATA_AVAILABILITY_ERROR_INVALID_KZG_PROOF",
  /** Fewer than half of the columns: the matrix cannot be recovered. */
  NOT_ENOUGH_COLUMNS = "DATA_AVAILABILITY_ERROR_NOT_ENOUGH_COLUMNS",
  /** A blobs bundle whose counts do not match the block's commitments. */
  BUNDLE_MISMATCH = "DATA_AVAILABILITY_ERROR_BUNDLE_MISMATCH",
}

export class DataAvailabilityError extends CodedError<DataAvailabilityErrorCode> {}
