// Blob limits per epoch. From fulu on they come from BLOB_SCHEDULE (EIP-7892, blob-parameter-only forks).
import type {ChainConfig} from "./chainConfig.js";

/** fulu beacon-chain.md, BlobParameters */
export interface BlobParameters {
  readonly epoch: number;
  readonly maxBlobsPerBlock: number;
}

/**
 * fulu beacon-chain.md, get_blob_parameters: the latest BLOB_SCHEDULE entry at or before `epoch`,
 * else the electra limit from ELECTRA_FORK_EPOCH. Used as written for every epoch, as the spec does.
 */
export function getBlobParameters(config: ChainConfig, epoch: number): BlobParameters {
  let best: {EPOCH: number; MAX_BLOBS_PER_BLOCK: number} | null = null;
  for (const entry of config.BLOB_SCHEDULE) {
    if (epoch >= entry.EPOCH && (best === null || entry.EPOCH > best.EPOCH)) best = entry;
  }
  if (best !== null) return {epoch: best.EPOCH, maxBlobsPerBlock: best.MAX_BLOBS_PER_BLOCK};
  return {epoch: config.ELECTRA_FORK_EPOCH, maxBlobsPerBlock: config.MAX_BLOBS_PER_BLOCK_ELECTRA};
}

/** The most blobs a block at `epoch` may carry: none before deneb, the fork's limit in deneb and electra, then get_blob_parameters. */
export function getMaxBlobsPerBlock(config: ChainConfig, epoch: number): number {
  if (epoch >= config.FULU_FORK_EPOCH) return getBlobParameters(config, epoch).maxBlobsPerBlock;
  if (epoch >= config.ELECTRA_FORK_EPOCH) return config.MAX_BLOBS_PER_BLOCK_ELECTRA;
  if (epoch >= config.DENEB_FORK_EPOCH) return config.MAX_BLOBS_PER_BLOCK;
  return 0;
}
