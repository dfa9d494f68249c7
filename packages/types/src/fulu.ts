// fulu containers: specs/fulu/beacon-chain.md, das-core.md, p2p-interface.md, partial-columns/.
import {BitListType, ListBasicType, ListCompositeType, VectorBasicType, VectorCompositeType, type ValueOf} from "@chainsafe/ssz";
import {
  KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH,
  MAX_BLOB_COMMITMENTS_PER_BLOCK,
  MIN_SEED_LOOKAHEAD,
  NUMBER_OF_COLUMNS,
  SLOTS_PER_EPOCH,
} from "@hearth/params";
import {container} from "./container.js";
import * as p from "./primitive.js";
import * as phase0 from "./phase0.js";
import * as electra from "./electra.js";

export * from "./electra.js";

export const ProposerLookahead = new VectorBasicType(p.ValidatorIndex, (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH);
export const beaconStateFields = {...electra.beaconStateFields, proposerLookahead: ProposerLookahead};
export const BeaconState = container("BeaconState", beaconStateFields);

// das-core.md
export const KzgCommitmentsInclusionProof = new VectorCompositeType(p.Bytes32, KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH);
export const DataColumn = new ListCompositeType(p.Cell, MAX_BLOB_COMMITMENTS_PER_BLOCK);
export const KzgProofs = new ListCompositeType(p.KZGProof, MAX_BLOB_COMMITMENTS_PER_BLOCK);
export const DataColumnSidecar = container("DataColumnSidecar", {
  index: p.ColumnIndex,
  column: DataColumn,
  kzgCommitments: electra.BlobKzgCommitments,
  kzgProofs: KzgProofs,
  signedBlockHeader: phase0.SignedBeaconBlockHeader,
  kzgCommitmentsInclusionProof: KzgCommitmentsInclusionProof,
});
export const MatrixEntry = container("MatrixEntry", {
  cell: p.Cell,
  kzgProof: p.KZGProof,
  columnIndex: p.ColumnIndex,
  rowIndex: p.RowIndex,
});

// p2p-interface.md
export const DataColumnsByRootIdentifier = container("DataColumnsByRootIdentifier", {
  blockRoot: p.Root,
  columns: new ListBasicType(p.ColumnIndex, NUMBER_OF_COLUMNS),
});

// partial-columns/p2p-interface.md
export const CellBitmap = new BitListType(MAX_BLOB_COMMITMENTS_PER_BLOCK);
export const PartialDataColumnHeader = container("PartialDataColumnHeader", {
  kzgCommitments: electra.BlobKzgCommitments,
  signedBlockHeader: phase0.SignedBeaconBlockHeader,
  kzgCommitmentsInclusionProof: KzgCommitmentsInclusionProof,
});
export const PartialDataColumnSidecar = container("PartialDataColumnSidecar", {
  cellsPresentBitmap: CellBitmap,
  partialColumn: DataColumn,
  kzgProofs: KzgProofs,
  /** Present only on eager pushes: a list of at most one header. */
  header: new ListCompositeType(PartialDataColumnHeader, 1),
});
export const PartialDataColumnPartsMetadata = container("PartialDataColumnPartsMetadata", {available: CellBitmap, requests: CellBitmap});
export const PartialDataColumnGroupID = container("PartialDataColumnGroupID", {beaconBlockRoot: p.Root});

export type DataColumnSidecar = ValueOf<typeof DataColumnSidecar>;
export type MatrixEntry = ValueOf<typeof MatrixEntry>;
