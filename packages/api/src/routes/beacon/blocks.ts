// /eth/v*/beacon/headers, blocks (beacon-APIs apis/beacon/blocks).
import {sszTypesFor} from "@hearth/types";
import {blockIdParam, enumParam, rootParam, uintParam} from "../../codecs/params.js";
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
};
