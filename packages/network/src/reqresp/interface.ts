// The req/resp contract between the network and the beacon node: what the node serves
// (ReqRespHandlers), how it signals a refusal (ResponseError with a spec response code), and the
// values requests and responses carry. Spec: phase0/p2p-interface.md "The Req/Resp domain" and the
// later forks' changes (altair context bytes, deneb blobs, fulu status v2 / metadata v3).
import type {ForkName} from "@hearth/params";
import type {p2p, phase0, altair, bellatrix, capella, deneb, electra} from "@hearth/types";

/** The single-byte result of a response chunk (phase0 p2p-interface.md "Responding side"). */
export enum RespCode {
  SUCCESS = 0,
  INVALID_REQUEST = 1,
  SERVER_ERROR = 2,
  RESOURCE_UNAVAILABLE = 3,
  /**
   * A code above 128 (allowed by the spec for request-specific errors), the value other clients use
   * for rate limiting. Hearth sends it only for streams beyond MAX_CONCURRENT_REQUESTS; a request
   * over its token quota is withheld instead (phase0 p2p-interface.md "Responding side").
   */
  RATE_LIMITED = 139,
}

/**
 * Thrown by a handler to answer with an error chunk: `new ResponseError(RespCode.RESOURCE_UNAVAILABLE,
 * "no light-client data")`. Any other error a handler throws becomes SERVER_ERROR.
 */
export class ResponseError extends Error {
  constructor(
    readonly code: Exclude<RespCode, RespCode.SUCCESS>,
    readonly errorMessage: string
  ) {
    super(`${RespCode[code]}: ${errorMessage}`);
  }
}

/**
 * One response chunk served as SSZ bytes, so the node can stream from its DB without deserializing.
 * `slot` picks the context bytes (compute_fork_digest at its epoch, which from fulu also depends on
 * the blob schedule); `fork` is the fork of the SSZ type of `bytes`.
 * The slot is: the block's slot (blocks), the sidecar's block slot (blobs, data columns), the header's slot
 * (light-client bootstrap) or the attested header's slot (light-client updates).
 */
export interface ResponseChunk {
  fork: ForkName;
  slot: number;
  bytes: Uint8Array;
}

/** Status of either version: v1 peers have no earliestAvailableSlot. */
export type AnyStatus = p2p.Status & {earliestAvailableSlot?: number};
/** MetaData of any version: v2 peers have no custodyGroupCount. */
export type AnyMetadata = p2p.MetaDataV2 & {custodyGroupCount?: number};

/** A block of any fork as decoded from the wire (fulu's block is electra's). */
export type SignedBeaconBlockAnyFork =
  | phase0.SignedBeaconBlock
  | altair.SignedBeaconBlock
  | bellatrix.SignedBeaconBlock
  | capella.SignedBeaconBlock
  | deneb.SignedBeaconBlock
  | electra.SignedBeaconBlock;

/** A decoded response item with the fork its context bytes named. */
export interface Forked<T> {
  fork: ForkName;
  data: T;
  /** The context bytes (ForkDigest) the chunk came with, for protocols that carry them. */
  forkDigest?: Uint8Array;
}

/**
 * What the beacon node serves. `peerId` is the requester's id string. Streaming handlers return an
 * AsyncIterable; they may stop early, and must yield at most what the request allows (req/resp also
 * cuts the stream at the protocol's limit). Throw ResponseError to answer with an error code.
 */
export interface ReqRespHandlers {
  /** The peer's status (v1 or v2) → ours, with earliestAvailableSlot (dropped for v1 peers). */
  onStatus(peerStatus: AnyStatus, peerId: string): Promise<p2p.StatusV2>;
  onGoodbye(reason: number, peerId: string): Promise<void>;
  /** The peer's metadata seq number → ours. */
  onPing(seqNumber: number, peerId: string): Promise<number>;
  /** Our metadata, v3 fields included (custodyGroupCount is dropped for metadata/2). */
  onMetadata(peerId: string): Promise<p2p.MetaDataV3>;
  onBeaconBlocksByRange(req: p2p.BeaconBlocksByRangeRequest, peerId: string): AsyncIterable<ResponseChunk>;
  onBeaconBlocksByRoot(roots: Uint8Array[], peerId: string): AsyncIterable<ResponseChunk>;
  onBlobSidecarsByRange(req: p2p.BlobSidecarsByRangeRequest, peerId: string): AsyncIterable<ResponseChunk>;
  onBlobSidecarsByRoot(ids: p2p.BlobSidecarsByRootRequest, peerId: string): AsyncIterable<ResponseChunk>;
  /** Sidecars of the canonical blocks in [startSlot, startSlot + count), `columns` of each, in (slot, column) order. */
  onDataColumnSidecarsByRange(req: p2p.DataColumnSidecarsByRangeRequest, peerId: string): AsyncIterable<ResponseChunk>;
  /** The requested columns of each block root that the node holds, in request order. */
  onDataColumnSidecarsByRoot(ids: p2p.DataColumnSidecarsByRootRequest, peerId: string): AsyncIterable<ResponseChunk>;
  onLightClientBootstrap(blockRoot: Uint8Array, peerId: string): Promise<ResponseChunk>;
  onLightClientUpdatesByRange(req: p2p.LightClientUpdatesByRangeRequest, peerId: string): AsyncIterable<ResponseChunk>;
  onLightClientFinalityUpdate(peerId: string): Promise<ResponseChunk>;
  onLightClientOptimisticUpdate(peerId: string): Promise<ResponseChunk>;
}

/** The logging req/resp needs; the node's Logger satisfies it. */
export interface ReqRespLogger {
  error(msg: string, ctx?: Record<string, unknown>, err?: unknown): void;
  warn(msg: string, ctx?: Record<string, unknown>, err?: unknown): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
}
