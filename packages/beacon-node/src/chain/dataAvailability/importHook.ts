// The import pipeline's data-availability step (deneb and fulu fork-choice.md on_block:
// assert is_data_available): a block with blob commitments goes on only with its data verified;
// without it the block waits in the pending cache and DATA_UNAVAILABLE is thrown.
import {ForkSeq, type ForkName} from "@hearth/params";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {BlockError, BlockErrorCode} from "../errors.js";
import type {ImportBlockOpts} from "../blocks/importBlock.js";
import type {AvailableData, DataAvailability} from "./availability.js";
import {blobKzgCommitmentsOf} from "./sidecars.js";

export async function checkDataAvailability(
  da: DataAvailability,
  fork: ForkName,
  blockRoot: Uint8Array,
  blockRootHex: string,
  signedBlock: SignedBeaconBlockAllForks,
  opts: ImportBlockOpts
): Promise<AvailableData> {
  const commitments = blobKzgCommitmentsOf(signedBlock);
  if (ForkSeq[fork] < ForkSeq.deneb || commitments.length === 0) return {kind: "none"};
  // A DB replay: the block was imported once, with its data, which the store kept.
  if (opts.source === "db") return {kind: "none"};
  const data = await da.checkAvailability(fork, blockRoot, signedBlock);
  if (data !== null) return data;
  // The caller holds the data itself (a published block with its blobs): nothing to keep here.
  if (opts.dataAvailable) return {kind: "none"};
  da.addPendingBlock(signedBlock, blockRootHex, opts);
  const missing = ForkSeq[fork] >= ForkSeq.fulu ? {missingColumns: da.missingColumns(blockRootHex).length} : {};
  throw new BlockError(BlockErrorCode.DATA_UNAVAILABLE, {root: blockRootHex, blobs: commitments.length, ...missing});
}
