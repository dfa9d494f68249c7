// /eth/v2/beacon/blocks/{block_id}/attestations, /eth/v1/beacon/blobs/{block_id} and blinded blocks
// (beacon-APIs apis/beacon/blocks, blobs). Blinded publishing without a builder: the node unblinds
// a block whose payload it built itself (kept by produceBlockV3, see context.producedPayloads).
import {createHash} from "node:crypto";
import type {ContainerType} from "@chainsafe/ssz";
import {ApiError, blindSignedBlock, isExecutionFork, type AnyAttestation, type BeaconApiImpl} from "@hearth/api";
import {bytesEqual, fromHex, toHex} from "@hearth/config";
import {ForkSeq, NUMBER_OF_COLUMNS, type ForkName} from "@hearth/params";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {sszTypesFor} from "@hearth/types";
import {BlockError, BlockErrorCode} from "../../../chain/index.js";
import type {ApiContext} from "../context.js";
import {toApiError} from "../errors.js";
import {resolveBlockId, type ResolvedBlock} from "../resolve.js";

type BlockExtraApi = Pick<BeaconApiImpl, "getBlockAttestationsV2" | "getBlobs" | "getBlindedBlock" | "publishBlindedBlockV2">;

function blockMeta(r: ResolvedBlock): {executionOptimistic: boolean; finalized: boolean} {
  return {executionOptimistic: r.executionOptimistic, finalized: r.finalized};
}

export function createBlockExtraApi(ctx: ApiContext): BlockExtraApi {
  const {chain} = ctx;
  return {
    async getBlockAttestationsV2({blockId}) {
      const r = await resolveBlockId(ctx, blockId);
      const attestations = (r.block.message.body as {attestations: AnyAttestation[]}).attestations;
      return {data: attestations, meta: {version: r.fork, ...blockMeta(r)}};
    },

    /**
     * A block without blob commitments has no blobs: the answer is an empty list. Otherwise from the
     * cache of recently built payloads, else from the stored sidecars; 404 when neither has them.
     */
    async getBlobs({blockId, versionedHashes}) {
      const r = await resolveBlockId(ctx, blockId);
      if (ForkSeq[r.fork] < ForkSeq.deneb) throw new ApiError(400, `Invalid block_id: block ${blockId} is ${r.fork}, blobs exist from deneb`);
      const commitments = (r.block.message.body as {blobKzgCommitments: Uint8Array[]}).blobKzgCommitments;
      if (commitments.length === 0) return {data: [], meta: blockMeta(r)};
      const payload = (r.block.message.body as {executionPayload: {blockHash: Uint8Array}}).executionPayload;
      const kept = ctx.producedPayloads.get(toHex(payload.blockHash));
      let blobs = kept?.blobsBundle?.blobs ?? (await storedBlobs(ctx, r.fork, fromHex(r.root), commitments.length));
      if (blobs === null) throw new ApiError(404, `Blobs of block ${r.root} are not available`);
      if (versionedHashes !== undefined && versionedHashes.length > 0) {
        const wanted = versionedHashes.map(toHex);
        blobs = blobs.filter((_, i) => wanted.includes(toHex(kzgToVersionedHash(commitments[i]))));
      }
      return {data: blobs, meta: blockMeta(r)};
    },

    async getBlindedBlock({blockId}) {
      const r = await resolveBlockId(ctx, blockId);
      if (!isExecutionFork(r.fork)) throw new ApiError(400, `Invalid block_id: block ${blockId} is ${r.fork}, blinded blocks exist from bellatrix`);
      return {data: blindSignedBlock(r.fork, r.block as never), meta: {version: r.fork, ...blockMeta(r)}};
    },

    async publishBlindedBlockV2({fork, signedBlindedBlock}) {
      if (!isExecutionFork(fork)) throw new ApiError(400, `Invalid header Eth-Consensus-Version: ${fork} has no blinded blocks`);
      const slot = signedBlindedBlock.message.slot;
      const blockFork = chain.forkAtSlot(slot);
      if (blockFork !== fork) throw new ApiError(400, `Eth-Consensus-Version ${fork} does not match the fork ${blockFork} of slot ${slot}`);
      const {executionPayloadHeader, ...body} = signedBlindedBlock.message.body as {executionPayloadHeader: {blockHash: Uint8Array}};
      const kept = ctx.producedPayloads.get(toHex(executionPayloadHeader.blockHash));
      if (kept === undefined) throw new ApiError(400, `Unknown execution payload ${toHex(executionPayloadHeader.blockHash)}: this node did not build it and has no builder`);
      const headerType = sszTypesFor(fork).ExecutionPayloadHeader as unknown as ContainerType<never>;
      const payloadType = sszTypesFor(fork).ExecutionPayload as unknown as ContainerType<never>;
      const full = {message: {...signedBlindedBlock.message, body: {...body, executionPayload: kept.payload}}, signature: signedBlindedBlock.signature};
      // the header must be the kept payload's, field for field: its root says so
      if (!bytesEqual(headerType.hashTreeRoot(executionPayloadHeader as never), payloadType.hashTreeRoot(kept.payload as never))) {
        throw new ApiError(400, "Invalid request body at message.body.execution_payload_header: does not match the payload built for it");
      }
      const signedBlock = full as unknown as SignedBeaconBlockAllForks;
      try {
        await chain.processBlock(signedBlock, {source: "api", dataAvailable: kept.blobsBundle !== undefined || ForkSeq[fork] < ForkSeq.deneb});
      } catch (e) {
        if (e instanceof BlockError && e.code === BlockErrorCode.ALREADY_KNOWN) return;
        const apiError = toApiError(e);
        if (apiError === null) throw e;
        ctx.logger.warn("Published blinded block rejected", {slot, status: apiError.status, error: apiError.message});
        throw apiError;
      }
    },
  };
}

/** kzg_to_versioned_hash (deneb beacon-chain.md): VERSIONED_HASH_VERSION_KZG + sha256(commitment)[1:]. */
function kzgToVersionedHash(commitment: Uint8Array): Uint8Array {
  const hash = createHash("sha256").update(commitment).digest();
  hash[0] = 0x01;
  return new Uint8Array(hash);
}

/**
 * A block's blobs from the sidecar store: deneb and electra keep blob sidecars; from fulu a blob is
 * the first half of its extended row, i.e. the cells of columns 0 .. NUMBER_OF_COLUMNS/2 - 1 in
 * order, which a node holds when it custodies them (a supernode does). null when not all are held.
 */
async function storedBlobs(ctx: ApiContext, fork: ForkName, root: Uint8Array, blobCount: number): Promise<Uint8Array[] | null> {
  const da = ctx.chain.dataAvailability;
  if (ForkSeq[fork] < ForkSeq.fulu) {
    const sidecars = await da.getBlobSidecars(root);
    return sidecars !== null && sidecars.length === blobCount ? sidecars.map((s) => s.blob) : null;
  }
  const half = Array.from({length: NUMBER_OF_COLUMNS / 2}, (_, i) => i);
  const columns = await da.getDataColumnSidecars(root, half);
  if (columns.length !== half.length) return null;
  return Array.from({length: blobCount}, (_, row) => Buffer.concat(columns.map((c) => c.column[row])));
}
