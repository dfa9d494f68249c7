// /eth/v*/beacon/headers and /eth/v*/beacon/blocks (beacon-APIs apis/beacon/blocks).
import type {Type} from "@chainsafe/ssz";
import {ApiError, type BeaconApiImpl, type BlockHeaderResponse, type PublishedBlock} from "@hearth/api";
import {fromHex, toHex} from "@hearth/config";
import {CELLS_PER_EXT_BLOB, ForkSeq, type ForkName} from "@hearth/params";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {sszTypesFor} from "@hearth/types";
import {BlockError, BlockErrorCode} from "../../../chain/index.js";
import type {ApiContext} from "../context.js";
import {toApiError} from "../errors.js";
import {resolveBlockId, type ResolvedBlock} from "../resolve.js";

type BlocksApi = Pick<BeaconApiImpl, "getBlockHeaders" | "getBlockHeader" | "getBlockV2" | "publishBlockV2" | "getBlockRoot">;

/**
 * Body roots of recently asked blocks, by block root: a block never changes, and hashing its body is
 * most of what answering the head's header costs (tools poll headers/head many times a slot).
 */
const bodyRoots = new Map<string, Uint8Array>();
const MAX_BODY_ROOTS = 64;

function bodyRootOf(resolved: ResolvedBlock): Uint8Array {
  let root = bodyRoots.get(resolved.root);
  if (root === undefined) {
    const bodyType = sszTypesFor(resolved.fork).BeaconBlockBody as unknown as Type<unknown>;
    root = bodyType.hashTreeRoot(resolved.block.message.body);
    bodyRoots.set(resolved.root, root);
    if (bodyRoots.size > MAX_BODY_ROOTS) bodyRoots.delete(bodyRoots.keys().next().value as string);
  }
  return root;
}

function headerResponse(resolved: ResolvedBlock): BlockHeaderResponse {
  const {message, signature} = resolved.block;
  return {
    root: fromHex(resolved.root),
    canonical: resolved.canonical,
    header: {
      message: {slot: message.slot, proposerIndex: message.proposerIndex, parentRoot: message.parentRoot, stateRoot: message.stateRoot, bodyRoot: bodyRootOf(resolved)},
      signature,
    },
  };
}

function blockMeta(resolved: ResolvedBlock): {executionOptimistic: boolean; finalized: boolean} {
  return {executionOptimistic: resolved.executionOptimistic, finalized: resolved.finalized};
}

/**
 * The block of a publish request and whether its blobs are all there. From deneb a block comes
 * with its blobs and proofs (SignedBlockContents); their counts must match the block's commitments.
 * The proofs are not checked against the commitments (no KZG library in the node yet), and the
 * blobs are not kept: there is no blob store nor network to pass them on to yet.
 */
function unpackPublished(fork: ForkName, published: PublishedBlock): {signedBlock: SignedBeaconBlockAllForks; dataAvailable: boolean} {
  if (!("signedBlock" in published)) return {signedBlock: published as SignedBeaconBlockAllForks, dataAvailable: false};
  const signedBlock = published.signedBlock as SignedBeaconBlockAllForks;
  const commitments = (signedBlock.message.body as {blobKzgCommitments?: Uint8Array[]}).blobKzgCommitments ?? [];
  const proofsPerBlob = ForkSeq[fork] >= ForkSeq.fulu ? CELLS_PER_EXT_BLOB : 1;
  if (published.blobs.length !== commitments.length) {
    throw new ApiError(400, `Block has ${commitments.length} blob commitments but ${published.blobs.length} blobs were sent`);
  }
  if (published.kzgProofs.length !== commitments.length * proofsPerBlob) {
    throw new ApiError(400, `Block has ${commitments.length} blob commitments but ${published.kzgProofs.length} KZG proofs were sent (expected ${commitments.length * proofsPerBlob})`);
  }
  return {signedBlock, dataAvailable: true};
}

export function createBlocksApi(ctx: ApiContext): BlocksApi {
  const {chain} = ctx;

  /** Headers of the blocks at `slot`: the canonical one first, then any other branch's. */
  async function headersAtSlot(slot: number): Promise<ResolvedBlock[]> {
    const out: ResolvedBlock[] = [];
    try {
      out.push(await resolveBlockId(ctx, slot));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
    for (const node of chain.forkChoice.protoArray.nodes) {
      if (node.slot !== slot || out.some((b) => b.root === node.blockRoot)) continue;
      const found = await chain.getBlockByRoot(node.blockRoot);
      if (found !== null) out.push({...found, fork: chain.forkAtSlot(slot)});
    }
    return out;
  }

  /** Headers of the children of `parentRoot` that fork choice holds. */
  async function headersByParent(parentRoot: string, slot: number | undefined): Promise<ResolvedBlock[]> {
    const out: ResolvedBlock[] = [];
    for (const node of chain.forkChoice.protoArray.nodes) {
      if (node.parentRoot !== parentRoot || (slot !== undefined && node.slot !== slot)) continue;
      const found = await chain.getBlockByRoot(node.blockRoot);
      if (found !== null) out.push({...found, fork: chain.forkAtSlot(node.slot)});
    }
    return out;
  }

  return {
    /** Without filters the head's header; with a slot every block of it; with a parent root its children. */
    async getBlockHeaders({slot, parentRoot}) {
      const blocks = parentRoot !== undefined ? await headersByParent(toHex(parentRoot), slot) : await headersAtSlot(slot ?? chain.head.node.slot);
      return {
        data: blocks.map(headerResponse),
        meta: {executionOptimistic: blocks.some((b) => b.executionOptimistic), finalized: blocks.length > 0 && blocks.every((b) => b.finalized)},
      };
    },

    async getBlockHeader({blockId}) {
      const resolved = await resolveBlockId(ctx, blockId);
      return {data: headerResponse(resolved), meta: blockMeta(resolved)};
    },

    async getBlockV2({blockId}) {
      const resolved = await resolveBlockId(ctx, blockId);
      return {data: resolved.block, meta: {version: resolved.fork, ...blockMeta(resolved)}};
    },

    async getBlockRoot({blockId}) {
      const resolved = await resolveBlockId(ctx, blockId);
      return {data: {root: fromHex(resolved.root)}, meta: blockMeta(resolved)};
    },

    /**
     * The block goes through the chain's import pipeline, as any block does. With no network yet
     * there is nothing to broadcast, so every broadcast_validation level gets the full import: an
     * invalid block is a 400 carrying the chain's error code, and the chain is left as it was.
     */
    async publishBlockV2({fork, signedBlock: published}) {
      const {signedBlock, dataAvailable} = unpackPublished(fork, published);
      const slot = signedBlock.message.slot;
      const blockFork = chain.forkAtSlot(slot);
      if (blockFork !== fork) throw new ApiError(400, `Eth-Consensus-Version ${fork} does not match the fork ${blockFork} of slot ${slot}`);
      try {
        const result = await chain.processBlock(signedBlock, {source: "api", dataAvailable});
        ctx.logger.debug("Published block imported", {slot, root: result.blockRoot, head: result.head.blockRoot});
      } catch (e) {
        // publishing a block the chain already has is a retry, not a failure
        if (e instanceof BlockError && e.code === BlockErrorCode.ALREADY_KNOWN) return;
        const apiError = toApiError(e);
        if (apiError === null) throw e;
        ctx.logger.warn("Published block rejected", {slot, status: apiError.status, error: apiError.message});
        throw apiError;
      }
    },
  };
}
