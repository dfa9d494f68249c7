// Building the sidecars of a block from its blobs (deneb validator.md get_blob_sidecars, fulu
// validator.md get_data_column_sidecars*) and the inclusion proofs they carry: a proposer makes them
// for its own block, a node makes the missing columns from blobs the execution engine still holds.
import {createProof, ProofType, type Node, type SingleProof} from "@chainsafe/persistent-merkle-tree";
import {MAX_BLOB_COMMITMENTS_PER_BLOCK, NUMBER_OF_COLUMNS, type ForkName} from "@hearth/params";
import {deneb, fulu, phase0, sszTypesFor} from "@hearth/types";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {ValueOf} from "@chainsafe/ssz";

/** A signed block header value. */
export type SignedBlockHeader = ValueOf<typeof phase0.SignedBeaconBlockHeader>;

type BlockBodyType = {hashTreeRoot(v: unknown): Uint8Array; toView(v: unknown): {node: Node}};

/** The field index of blob_kzg_commitments in BeaconBlockBody (deneb through fulu). */
export const BLOB_KZG_COMMITMENTS_FIELD_INDEX = 11;
/** BeaconBlockBody has 12 (deneb) or 13 (electra, fulu) fields: 16 leaves, depth 4. */
const BODY_DEPTH = 4;
/** get_generalized_index(BeaconBlockBody, "blob_kzg_commitments") */
export const BLOB_KZG_COMMITMENTS_GINDEX = 2 ** BODY_DEPTH + BLOB_KZG_COMMITMENTS_FIELD_INDEX;
const COMMITMENTS_LIST_DEPTH = Math.log2(MAX_BLOB_COMMITMENTS_PER_BLOCK);

/** The blob-carrying part of a block body, any fork from deneb. */
export interface BlobBody {
  blobKzgCommitments: Uint8Array[];
}

/** A cell/proof row per blob: compute_cells_and_kzg_proofs of each blob, in blob order. */
export interface CellsAndProofs {
  cells: Uint8Array[];
  proofs: Uint8Array[];
}

function bodyType(fork: ForkName): BlockBodyType {
  return (sszTypesFor(fork) as unknown as {BeaconBlockBody: BlockBodyType}).BeaconBlockBody;
}

export function blobKzgCommitmentsOf(block: SignedBeaconBlockAllForks): Uint8Array[] {
  return (block.message.body as Partial<BlobBody>).blobKzgCommitments ?? [];
}

/** compute_signed_block_header (deneb validator.md) */
export function computeSignedBlockHeader(fork: ForkName, signedBlock: SignedBeaconBlockAllForks): SignedBlockHeader {
  const block = signedBlock.message;
  return {
    message: {
      slot: block.slot,
      proposerIndex: block.proposerIndex,
      parentRoot: block.parentRoot,
      stateRoot: block.stateRoot,
      bodyRoot: bodyType(fork).hashTreeRoot(block.body),
    },
    signature: signedBlock.signature,
  };
}

function merkleProof(fork: ForkName, body: unknown, gindex: bigint): Uint8Array[] {
  const proof = createProof(bodyType(fork).toView(body).node, {type: ProofType.single, gindex}) as SingleProof;
  return proof.witnesses;
}

/** compute_merkle_proof(body, get_generalized_index(BeaconBlockBody, "blob_kzg_commitments")) */
export function computeKzgCommitmentsInclusionProof(fork: ForkName, body: unknown): Uint8Array[] {
  return merkleProof(fork, body, BigInt(BLOB_KZG_COMMITMENTS_GINDEX));
}

/** compute_merkle_proof(body, get_generalized_index(BeaconBlockBody, "blob_kzg_commitments", index)) */
export function computeKzgCommitmentInclusionProof(fork: ForkName, body: unknown, index: number): Uint8Array[] {
  // The field node, its data root (left child, beside the length mix-in), then the element.
  const gindex = ((BigInt(BLOB_KZG_COMMITMENTS_GINDEX) * 2n) << BigInt(COMMITMENTS_LIST_DEPTH)) + BigInt(index);
  return merkleProof(fork, body, gindex);
}

/** get_blob_sidecars (deneb validator.md): one sidecar per blob, with its inclusion proof. */
export function getBlobSidecars(fork: ForkName, signedBlock: SignedBeaconBlockAllForks, blobs: Uint8Array[], blobKzgProofs: Uint8Array[]): deneb.BlobSidecar[] {
  const commitments = blobKzgCommitmentsOf(signedBlock);
  if (blobs.length !== commitments.length || blobKzgProofs.length !== commitments.length) {
    throw new Error(`get_blob_sidecars: ${commitments.length} commitments, ${blobs.length} blobs, ${blobKzgProofs.length} proofs`);
  }
  const signedBlockHeader = computeSignedBlockHeader(fork, signedBlock);
  return blobs.map((blob, index) => ({
    index,
    blob,
    kzgCommitment: commitments[index],
    kzgProof: blobKzgProofs[index],
    signedBlockHeader,
    kzgCommitmentInclusionProof: computeKzgCommitmentInclusionProof(fork, signedBlock.message.body, index),
  }));
}

/** get_data_column_sidecars (fulu validator.md): column j holds cell j and proof j of every blob. */
export function getDataColumnSidecars(
  signedBlockHeader: SignedBlockHeader,
  kzgCommitments: Uint8Array[],
  kzgCommitmentsInclusionProof: Uint8Array[],
  cellsAndKzgProofs: CellsAndProofs[],
  columnIndices: readonly number[] = ALL_COLUMNS
): fulu.DataColumnSidecar[] {
  if (cellsAndKzgProofs.length !== kzgCommitments.length) {
    throw new Error(`get_data_column_sidecars: ${kzgCommitments.length} commitments, ${cellsAndKzgProofs.length} cell rows`);
  }
  return columnIndices.map((index) => ({
    index,
    column: cellsAndKzgProofs.map((row) => row.cells[index]),
    kzgCommitments,
    kzgProofs: cellsAndKzgProofs.map((row) => row.proofs[index]),
    signedBlockHeader,
    kzgCommitmentsInclusionProof,
  }));
}

/** get_data_column_sidecars_from_block (fulu validator.md) */
export function getDataColumnSidecarsFromBlock(
  fork: ForkName,
  signedBlock: SignedBeaconBlockAllForks,
  cellsAndKzgProofs: CellsAndProofs[],
  columnIndices: readonly number[] = ALL_COLUMNS
): fulu.DataColumnSidecar[] {
  return getDataColumnSidecars(
    computeSignedBlockHeader(fork, signedBlock),
    blobKzgCommitmentsOf(signedBlock),
    computeKzgCommitmentsInclusionProof(fork, signedBlock.message.body),
    cellsAndKzgProofs,
    columnIndices
  );
}

/** get_data_column_sidecars_from_column_sidecar (fulu validator.md) */
export function getDataColumnSidecarsFromColumnSidecar(
  sidecar: fulu.DataColumnSidecar,
  cellsAndKzgProofs: CellsAndProofs[],
  columnIndices: readonly number[] = ALL_COLUMNS
): fulu.DataColumnSidecar[] {
  return getDataColumnSidecars(sidecar.signedBlockHeader, sidecar.kzgCommitments, sidecar.kzgCommitmentsInclusionProof, cellsAndKzgProofs, columnIndices);
}

export const ALL_COLUMNS: readonly number[] = Array.from({length: NUMBER_OF_COLUMNS}, (_, i) => i);
