// What a requester checks of each data column sidecar a peer returns (fulu p2p-interface.md
// DataColumnSidecarsByRange / ByRoot): well formed (verify_data_column_sidecar), carrying a valid
// inclusion proof (verify_data_column_sidecar_inclusion_proof), sent with the context bytes of its
// block's epoch, and answering the request. The KZG cell proofs need c-kzg and are the beacon
// node's to verify (its availability check batches them per block).
import {KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH, NUMBER_OF_COLUMNS, SLOTS_PER_EPOCH} from "@hearth/params";
import {fulu, phase0} from "@hearth/types";
import {bytesEqual, type BeaconConfig} from "@hearth/config";
import {isValidMerkleBranch} from "@hearth/state-transition";

/**
 * get_subtree_index(get_generalized_index(BeaconBlockBody, "blob_kzg_commitments")): field 11 of the
 * (electra / fulu) body of 16 leaves.
 */
const BLOB_KZG_COMMITMENTS_SUBTREE_INDEX = 11;

/** fulu p2p-interface.md verify_data_column_sidecar; null when fine, else why not. */
export function dataColumnSidecarFault(config: BeaconConfig, sidecar: fulu.DataColumnSidecar): string | null {
  if (sidecar.index >= NUMBER_OF_COLUMNS) return `column index ${sidecar.index} >= ${NUMBER_OF_COLUMNS}`;
  const n = sidecar.kzgCommitments.length;
  if (n === 0) return "sidecar for zero blobs";
  const epoch = Math.floor(sidecar.signedBlockHeader.message.slot / SLOTS_PER_EPOCH);
  if (n > config.getMaxBlobsPerBlock(epoch)) return `${n} commitments over the blob limit`;
  if (sidecar.column.length !== n || sidecar.kzgProofs.length !== n) return "column, commitments and proofs differ in length";
  const valid = isValidMerkleBranch(
    fulu.DataColumnSidecar.fields.kzgCommitments.hashTreeRoot(sidecar.kzgCommitments),
    sidecar.kzgCommitmentsInclusionProof,
    KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH,
    BLOB_KZG_COMMITMENTS_SUBTREE_INDEX,
    sidecar.signedBlockHeader.message.bodyRoot
  );
  return valid ? null : "invalid inclusion proof";
}

/** The context bytes a sidecar must come with: the fork digest at its block's epoch. */
export function contextBytesFault(config: BeaconConfig, sidecar: fulu.DataColumnSidecar, forkDigest: Uint8Array | undefined): string | null {
  const epoch = Math.floor(sidecar.signedBlockHeader.message.slot / SLOTS_PER_EPOCH);
  if (forkDigest === undefined || !bytesEqual(forkDigest, config.forkDigestAtEpoch(epoch))) return `context bytes are not the fork digest of epoch ${epoch}`;
  return null;
}

/**
 * A data_column_sidecars_by_range response: sidecars inside [startSlot, startSlot + count), of
 * requested columns only, in strictly increasing (slot, column) order, one block per slot.
 */
export function byRangeResponseFault(req: {startSlot: number; count: number; columns: readonly number[]}, sidecars: fulu.DataColumnSidecar[]): string | null {
  const wanted = new Set(req.columns);
  let lastSlot = -1;
  let lastIndex = -1;
  let lastRoot: Uint8Array | null = null;
  for (const sidecar of sidecars) {
    const slot = sidecar.signedBlockHeader.message.slot;
    if (slot < req.startSlot || slot >= req.startSlot + req.count) return `sidecar at slot ${slot} outside the range`;
    if (!wanted.has(sidecar.index)) return `column ${sidecar.index} not requested`;
    if (slot < lastSlot || (slot === lastSlot && sidecar.index <= lastIndex)) return "sidecars not in (slot, column) order";
    const root = phase0.BeaconBlockHeader.hashTreeRoot(sidecar.signedBlockHeader.message);
    // One chain: two blocks at one slot cannot both be canonical.
    if (slot === lastSlot && lastRoot !== null && !bytesEqual(root, lastRoot)) return `two blocks at slot ${slot}`;
    lastSlot = slot;
    lastIndex = sidecar.index;
    lastRoot = root;
  }
  return null;
}

/** A data_column_sidecars_by_root response: each sidecar one of the requested (root, column) pairs, none twice. */
export function byRootResponseFault(ids: readonly {blockRoot: Uint8Array; columns: readonly number[]}[], sidecars: fulu.DataColumnSidecar[]): string | null {
  const wanted = new Set<string>();
  for (const id of ids) for (const c of id.columns) wanted.add(`${Buffer.from(id.blockRoot).toString("hex")}:${c}`);
  const got = new Set<string>();
  for (const sidecar of sidecars) {
    const root = Buffer.from(phase0.BeaconBlockHeader.hashTreeRoot(sidecar.signedBlockHeader.message)).toString("hex");
    const key = `${root}:${sidecar.index}`;
    if (!wanted.has(key)) return `column ${sidecar.index} of block 0x${root} not requested`;
    if (got.has(key)) return `column ${sidecar.index} of block 0x${root} sent twice`;
    got.add(key);
  }
  return null;
}
