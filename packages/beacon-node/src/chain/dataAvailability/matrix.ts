// The blob matrix of a block (fulu das-core.md compute_matrix / recover_matrix): one row per blob,
// CELLS_PER_EXT_BLOB cells and proofs per row. Kept as rows of cells and proofs rather than the spec's
// flat MatrixEntry list: columns are then a transpose away (sidecars.ts).
import type {fulu} from "@hearth/types";
import {NUMBER_OF_COLUMNS} from "@hearth/params";
import {CELLS_PER_EXT_BLOB, computeCells, computeCellsAndKzgProofs, recoverCellsAndKzgProofs} from "./kzg.js";
import type {CellsAndProofs} from "./sidecars.js";
import {DataAvailabilityError, DataAvailabilityErrorCode} from "./errors.js";

/** compute_matrix (fulu das-core.md) */
export function computeMatrix(blobs: Uint8Array[]): CellsAndProofs[] {
  return blobs.map((blob) => computeCellsAndKzgProofs(blob));
}

/**
 * The matrix of an engine's BlobsBundleV2 / BlobAndProofV2: the engine gives every cell proof already,
 * so only the cells are computed (compute_cells, far cheaper than the proofs).
 */
export function matrixFromBlobsAndCellProofs(blobs: Uint8Array[], cellProofs: Uint8Array[][]): CellsAndProofs[] {
  if (blobs.length !== cellProofs.length || cellProofs.some((p) => p.length !== CELLS_PER_EXT_BLOB)) {
    throw new DataAvailabilityError(DataAvailabilityErrorCode.BUNDLE_MISMATCH, {blobs: blobs.length, proofRows: cellProofs.map((p) => p.length)});
  }
  return blobs.map((blob, i) => ({cells: computeCells(blob), proofs: cellProofs[i]}));
}

/** A flat list of CELLS_PER_EXT_BLOB proofs per blob (BlobsBundleV2.proofs) as one row per blob. */
export function splitCellProofs(proofs: Uint8Array[], blobCount: number): Uint8Array[][] {
  if (proofs.length !== blobCount * CELLS_PER_EXT_BLOB) {
    throw new DataAvailabilityError(DataAvailabilityErrorCode.BUNDLE_MISMATCH, {blobs: blobCount, proofs: proofs.length});
  }
  return Array.from({length: blobCount}, (_, i) => proofs.slice(i * CELLS_PER_EXT_BLOB, (i + 1) * CELLS_PER_EXT_BLOB));
}

/**
 * recover_matrix (fulu das-core.md) from a block's column sidecars: needs at least half of the
 * columns (NUMBER_OF_COLUMNS / 2), distinct. The sidecars must have been verified: recovery trusts
 * their cells.
 */
export function recoverMatrix(sidecars: fulu.DataColumnSidecar[], blobCount: number): CellsAndProofs[] {
  const byIndex = new Map<number, fulu.DataColumnSidecar>();
  for (const s of sidecars) byIndex.set(s.index, s);
  if (byIndex.size * 2 < NUMBER_OF_COLUMNS) {
    throw new DataAvailabilityError(DataAvailabilityErrorCode.NOT_ENOUGH_COLUMNS, {have: byIndex.size, need: NUMBER_OF_COLUMNS / 2});
  }
  const columns = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const cellIndices = columns.map((s) => s.index);
  const rows: CellsAndProofs[] = [];
  for (let row = 0; row < blobCount; row++) {
    rows.push(recoverCellsAndKzgProofs(cellIndices, columns.map((s) => s.column[row])));
  }
  return rows;
}
