// /eth/v*/beacon/headers, blocks (beacon-APIs apis/beacon/blocks).
import {sszTypesFor} from "@hearth/types";
import {blockIdParam, enumParam, listParam, rootParam, uintParam} from "../../codecs/params.js";
import {attestationListCodec} from "./pool.js";
import {Blobs, blindedTypesFor, isExecutionFork, signedBlindedBlockCodec, type AnySignedBlindedBeaconBlock} from "../../types/blinded.js";
import type {Codec} from "../../codecs/codec.js";
import type {ForkName} from "@hearth/params";
import {BlockHeaderResponse, BlockHeaderResponses, RootResponse} from "../../types/beacon.js";
import {forkCodec, publishedBlockCodec, type AnySignedBeaconBlock} from "../../types/forks.js";
import {
  bodyArg,
  byFork,
  consensusVersionArg,
  dataResponse,
  defineRoute,
  emptyResponse,
  optionalQueryArg,
  pathArg,
} from "../route.js";

export const BROADCAST_VALIDATIONS = ["gossip", "consensus", "consensus_and_equivocation"] as const;
export type BroadcastValidation = (typeof BROADCAST_VALIDATIONS)[number];

function blindedBlockData(fork: ForkName): Codec<AnySignedBlindedBeaconBlock> {
  if (!isExecutionFork(fork)) throw new Error(`no blinded blocks before bellatrix (fork ${fork})`);
  return blindedTypesFor(fork).SignedBlindedBeaconBlock as unknown as Codec<AnySignedBlindedBeaconBlock>;
}

export const blockRoutes = {
  getBlockHeaders: defineRoute({
    operationId: "getBlockHeaders",
    method: "GET",
    path: "/eth/v1/beacon/headers",
    args: {slot: optionalQueryArg("slot", uintParam), parentRoot: optionalQueryArg("parent_root", rootParam)},
    response: dataResponse(BlockHeaderResponses, {meta: ["executionOptimistic", "finalized"]}),
  }),
  getBlockHeader: defineRoute({
    operationId: "getBlockHeader",
    method: "GET",
    path: "/eth/v1/beacon/headers/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam)},
    response: dataResponse(BlockHeaderResponse, {meta: ["executionOptimistic", "finalized"]}),
  }),
  getBlockV2: defineRoute({
    operationId: "getBlockV2",
    method: "GET",
    path: "/eth/v2/beacon/blocks/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam)},
    response: dataResponse(byFork(forkCodec<AnySignedBeaconBlock>((fork) => sszTypesFor(fork).SignedBeaconBlock)), {
      meta: ["version", "executionOptimistic", "finalized"],
      ssz: true,
    }),
  }),
  /**
   * Publishes a signed block (from deneb with its blobs: SignedBlockContents). 202 means it was
   * broadcast but failed validation.
   */
  publishBlockV2: defineRoute({
    operationId: "publishBlockV2",
    method: "POST",
    path: "/eth/v2/beacon/blocks",
    args: {
      fork: consensusVersionArg(),
      broadcastValidation: optionalQueryArg("broadcast_validation", enumParam(BROADCAST_VALIDATIONS)),
      signedBlock: bodyArg(publishedBlockCodec, {ssz: true}),
    },
    response: emptyResponse([200, 202]),
  }),
  getBlockRoot: defineRoute({
    operationId: "getBlockRoot",
    method: "GET",
    path: "/eth/v1/beacon/blocks/{block_id}/root",
    args: {blockId: pathArg("block_id", blockIdParam)},
    response: dataResponse(RootResponse, {meta: ["executionOptimistic", "finalized"]}),
  }),
  getBlockAttestationsV2: defineRoute({
    operationId: "getBlockAttestationsV2",
    method: "GET",
    path: "/eth/v2/beacon/blocks/{block_id}/attestations",
    args: {blockId: pathArg("block_id", blockIdParam)},
    response: dataResponse(byFork(attestationListCodec), {meta: ["version", "executionOptimistic", "finalized"]}),
  }),
  /** The blobs of a block (optionally only those of the given versioned hashes). */
  getBlobs: defineRoute({
    operationId: "getBlobs",
    method: "GET",
    path: "/eth/v1/beacon/blobs/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam), versionedHashes: optionalQueryArg("versioned_hashes", listParam(rootParam))},
    response: dataResponse(Blobs, {meta: ["executionOptimistic", "finalized"], ssz: true}),
  }),
  /** A stored block with its execution payload replaced by the payload's header (bellatrix on). */
  getBlindedBlock: defineRoute({
    operationId: "getBlindedBlock",
    method: "GET",
    path: "/eth/v1/beacon/blinded_blocks/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam)},
    response: dataResponse(byFork(blindedBlockData), {meta: ["version", "executionOptimistic", "finalized"], ssz: true}),
  }),
  /** A signed blinded block: the node puts back the payload it built for it, then imports it. */
  publishBlindedBlockV2: defineRoute({
    operationId: "publishBlindedBlockV2",
    method: "POST",
    path: "/eth/v2/beacon/blinded_blocks",
    args: {
      fork: consensusVersionArg(),
      broadcastValidation: optionalQueryArg("broadcast_validation", enumParam(BROADCAST_VALIDATIONS)),
      signedBlindedBlock: bodyArg(signedBlindedBlockCodec, {ssz: true}),
    },
    response: emptyResponse([200, 202]),
  }),
};
