// The req/resp domain on libp2p: registers every protocol's handler (inbound.ts) and offers one
// typed method per protocol for requests (outbound.ts), with the response checks the spec asks of a
// requester (blocks inside the requested range, in order; roots that were asked for).
import type {Libp2p, PeerId} from "@libp2p/interface";
import {peerIdFromString} from "@libp2p/peer-id";
import type {BeaconConfig} from "@hearth/config";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {p2p, sszTypesFor, type deneb, type fulu} from "@hearth/types";
import type {PeerAction} from "../peers/score.js";
import {RequestError, RequestErrorCode} from "./errors.js";
import {byRangeResponseFault, byRootResponseFault, contextBytesFault, dataColumnSidecarFault} from "./dataColumns.js";
import {computeMaxRequestDataColumnSidecars} from "./limits.js";
import {handleInbound, MAX_CONCURRENT_REQUESTS, type InboundContext} from "./inbound.js";
import type {AnyMetadata, AnyStatus, Forked, ReqRespHandlers, ReqRespLogger, SignedBeaconBlockAnyFork} from "./interface.js";
import {penaliseRequestError, sendRequest, type OutboundContext, type OutboundRequest} from "./outbound.js";
import {PROTOCOLS, ReqRespMethod, protocolsOf, type Protocol} from "./protocols.js";
import {DEFAULT_QUOTAS, RateLimiter, type Quota} from "./rateLimiter.js";

export interface ReqRespOptions {
  libp2p: Libp2p;
  config: BeaconConfig;
  handlers: ReqRespHandlers;
  logger: ReqRespLogger;
  onPeerAction?: (peerId: string, action: PeerAction, reason: string) => void;
  /** The wall-clock epoch (request limits change at deneb/electra). Default: the last scheduled fork's. */
  currentEpoch?: () => number;
  /** Time to first response byte (default 5 s, the former TTFB_TIMEOUT). */
  ttfbTimeoutMs?: number;
  /** Time for each response chunk (default 10 s, the former RESP_TIMEOUT). */
  respTimeoutMs?: number;
  dialTimeoutMs?: number;
  /** Time a requester has to send its request (default 5 s). */
  requestTimeoutMs?: number;
  quotas?: Partial<Record<ReqRespMethod, Quota>>;
}

type PeerRef = PeerId | string;

/** Waits for a free slot among `limit` per key: we never open more than MAX_CONCURRENT_REQUESTS per protocol to a peer. */
class KeyedSemaphore {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly limit: number) {}

  async acquire(key: string): Promise<() => void> {
    const n = this.active.get(key) ?? 0;
    if (n >= this.limit) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(key) ?? [];
        q.push(resolve);
        this.waiting.set(key, q);
      });
    } else {
      this.active.set(key, n + 1);
    }
    return () => {
      const q = this.waiting.get(key);
      const next = q?.shift();
      if (q !== undefined && q.length === 0) this.waiting.delete(key);
      if (next !== undefined) return next(); // the slot passes straight to the next waiter
      const left = (this.active.get(key) ?? 1) - 1;
      if (left <= 0) this.active.delete(key);
      else this.active.set(key, left);
    };
  }
}

export class ReqResp {
  private readonly libp2p: Libp2p;
  private readonly config: BeaconConfig;
  private readonly logger: ReqRespLogger;
  private readonly inbound: InboundContext;
  private readonly outbound: OutboundContext;
  private readonly rateLimiter: RateLimiter;
  private readonly outboundSlots = new KeyedSemaphore(MAX_CONCURRENT_REQUESTS);
  private pruneTimer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(opts: ReqRespOptions) {
    this.libp2p = opts.libp2p;
    this.config = opts.config;
    this.logger = opts.logger;
    const onPeerAction = opts.onPeerAction;
    const reportPeer = (peerId: string, action: PeerAction, reason: string): void => {
      this.logger.debug("req/resp peer action", {peerId, action, reason});
      onPeerAction?.(peerId, action, reason);
    };
    this.rateLimiter = new RateLimiter({...DEFAULT_QUOTAS, ...opts.quotas});
    this.inbound = {
      config: opts.config,
      handlers: opts.handlers,
      logger: opts.logger,
      rateLimiter: this.rateLimiter,
      currentEpoch: opts.currentEpoch ?? (() => Number.MAX_SAFE_INTEGER),
      requestTimeoutMs: opts.requestTimeoutMs ?? 5_000,
      reportPeer,
      active: new Map(),
    };
    this.outbound = {
      libp2p: opts.libp2p,
      config: opts.config,
      dialTimeoutMs: opts.dialTimeoutMs ?? 5_000,
      ttfbTimeoutMs: opts.ttfbTimeoutMs ?? 5_000,
      respTimeoutMs: opts.respTimeoutMs ?? 10_000,
      reportPeer,
    };
  }

  /** The protocol ids registered with libp2p. */
  static protocolIds(): string[] {
    return PROTOCOLS.map((p) => p.id);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const protocol of PROTOCOLS) {
      await this.libp2p.handle(
        protocol.id,
        ({stream, connection}) => {
          void handleInbound(this.inbound, protocol, stream, connection.remotePeer.toString());
        },
        // beyond MAX_CONCURRENT_REQUESTS we still accept the stream, to answer it with an error code
        {maxInboundStreams: 4 * MAX_CONCURRENT_REQUESTS}
      );
    }
    this.pruneTimer = setInterval(() => this.rateLimiter.prune(), 60_000);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.pruneTimer !== null) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    await this.libp2p.unhandle(PROTOCOLS.map((p) => p.id));
  }

  // --- outbound ---

  private async request(peerRef: PeerRef, method: ReqRespMethod, req: Omit<OutboundRequest, "protocols"> & {protocols?: Protocol[]}): Promise<{protocol: Protocol; chunks: Forked<unknown>[]}> {
    const peerId = typeof peerRef === "string" ? peerIdFromString(peerRef) : peerRef;
    const release = await this.outboundSlots.acquire(`${peerId.toString()}/${method}`);
    try {
      return await sendRequest(this.outbound, peerId, {...req, protocols: req.protocols ?? protocolsOf(method)});
    } finally {
      release();
    }
  }

  private async single(peerRef: PeerRef, method: ReqRespMethod, req: Omit<OutboundRequest, "protocols" | "maxChunks"> & {protocols?: Protocol[]}): Promise<Forked<unknown>> {
    const {protocol, chunks} = await this.request(peerRef, method, {...req, maxChunks: 1});
    if (chunks.length === 0) throw new RequestError(RequestErrorCode.EMPTY_RESPONSE, {peerId: peerRef.toString(), protocol: protocol.id});
    return chunks[0];
  }

  private unexpected(peerRef: PeerRef, protocol: Protocol, reason: string): never {
    const err = new RequestError(RequestErrorCode.UNEXPECTED_RESPONSE, {peerId: peerRef.toString(), protocol: protocol.id, reason});
    penaliseRequestError(this.outbound, err);
    throw err;
  }

  /** Status handshake: offers status/2 when `ours` has earliestAvailableSlot (fulu), else status/1. */
  async status(peerId: PeerRef, ours: AnyStatus): Promise<AnyStatus> {
    const versions = protocolsOf(ReqRespMethod.Status).filter((p) => p.version === 1 || ours.earliestAvailableSlot !== undefined);
    const {data} = await this.single(peerId, ReqRespMethod.Status, {protocols: versions, body: (p) => p.requestType!.serialize(ours)});
    return data as AnyStatus;
  }

  /** Sends a goodbye and waits briefly for the answer; never throws (the peer is being dropped anyway). */
  async goodbye(peerId: PeerRef, reason: number): Promise<void> {
    try {
      await this.request(peerId, ReqRespMethod.Goodbye, {body: () => p2p.Goodbye.serialize(reason), maxChunks: 1});
    } catch (e) {
      this.logger.debug("Goodbye not acknowledged", {peerId: peerId.toString(), reason, error: (e as Error).message});
    }
  }

  /** Our metadata seq number → the peer's. */
  async ping(peerId: PeerRef, seqNumber: number): Promise<number> {
    const {data} = await this.single(peerId, ReqRespMethod.Ping, {body: () => p2p.Ping.serialize(seqNumber)});
    return data as number;
  }

  /** metadata/3 if the peer speaks it (custodyGroupCount set), else metadata/2. */
  async metadata(peerId: PeerRef): Promise<AnyMetadata> {
    const {data} = await this.single(peerId, ReqRespMethod.Metadata, {body: () => null});
    return data as AnyMetadata;
  }

  /** Blocks of [startSlot, startSlot + count), checked to be inside the range and in increasing slot order. */
  async beaconBlocksByRange(peerId: PeerRef, req: {startSlot: number; count: number}): Promise<SignedBeaconBlockAnyFork[]> {
    const request = {startSlot: req.startSlot, count: req.count, step: 1};
    const {protocol, chunks} = await this.request(peerId, ReqRespMethod.BeaconBlocksByRange, {
      body: () => p2p.BeaconBlocksByRangeRequest.serialize(request),
      maxChunks: req.count,
    });
    let lastSlot = -1;
    for (const {data} of chunks) {
      const slot = (data as SignedBeaconBlockAnyFork).message.slot;
      if (slot < req.startSlot || slot >= req.startSlot + req.count) this.unexpected(peerId, protocol, `block at slot ${slot} outside the range`);
      if (slot <= lastSlot) this.unexpected(peerId, protocol, `block at slot ${slot} not after ${lastSlot}`);
      lastSlot = slot;
    }
    return chunks.map((c) => c.data as SignedBeaconBlockAnyFork);
  }

  /** Blocks by root, each checked to be one of the requested roots. */
  async beaconBlocksByRoot(peerId: PeerRef, roots: Uint8Array[]): Promise<SignedBeaconBlockAnyFork[]> {
    const {protocol, chunks} = await this.request(peerId, ReqRespMethod.BeaconBlocksByRoot, {
      body: () => p2p.BeaconBlocksByRootRequest.serialize(roots),
      maxChunks: roots.length,
    });
    const wanted = new Set(roots.map((r) => Buffer.from(r).toString("hex")));
    for (const {fork, data} of chunks) {
      const root = sszTypesFor(fork).BeaconBlock.hashTreeRoot((data as SignedBeaconBlockAnyFork).message as never);
      if (!wanted.has(Buffer.from(root).toString("hex"))) this.unexpected(peerId, protocol, "block not requested");
    }
    return chunks.map((c) => c.data as SignedBeaconBlockAnyFork);
  }

  /** Blob sidecars of [startSlot, startSlot + count), checked to be inside the range in (slot, index) order. */
  async blobSidecarsByRange(peerId: PeerRef, req: p2p.BlobSidecarsByRangeRequest): Promise<deneb.BlobSidecar[]> {
    const maxBlobs = this.config.getMaxBlobsPerBlock(Math.floor(req.startSlot / SLOTS_PER_EPOCH));
    const {protocol, chunks} = await this.request(peerId, ReqRespMethod.BlobSidecarsByRange, {
      body: () => p2p.BlobSidecarsByRangeRequest.serialize(req),
      maxChunks: req.count * maxBlobs,
    });
    let last = -1;
    for (const {data} of chunks) {
      const sidecar = data as deneb.BlobSidecar;
      const slot = sidecar.signedBlockHeader.message.slot;
      const order = slot * 4096 + sidecar.index;
      if (slot < req.startSlot || slot >= req.startSlot + req.count) this.unexpected(peerId, protocol, `sidecar at slot ${slot} outside the range`);
      if (order <= last) this.unexpected(peerId, protocol, "sidecars not in (slot, index) order");
      last = order;
    }
    return chunks.map((c) => c.data as deneb.BlobSidecar);
  }

  async blobSidecarsByRoot(peerId: PeerRef, ids: p2p.BlobSidecarsByRootRequest): Promise<deneb.BlobSidecar[]> {
    const {chunks} = await this.request(peerId, ReqRespMethod.BlobSidecarsByRoot, {
      body: () => p2p.BlobSidecarsByRootRequest.serialize(ids),
      maxChunks: ids.length,
    });
    return chunks.map((c) => c.data as deneb.BlobSidecar);
  }

  /**
   * data_column_sidecars_by_range/1: `columns` of the blocks in [startSlot, startSlot + count). Each
   * sidecar is checked for shape, inclusion proof and context bytes, and the response for range,
   * requested columns and (slot, column) order; the KZG cell proofs are the caller's to verify.
   */
  async dataColumnSidecarsByRange(peerId: PeerRef, req: p2p.DataColumnSidecarsByRangeRequest): Promise<fulu.DataColumnSidecar[]> {
    const maxChunks = Math.min(req.count * req.columns.length, computeMaxRequestDataColumnSidecars(this.config));
    if (maxChunks === 0) return [];
    const {protocol, chunks} = await this.request(peerId, ReqRespMethod.DataColumnSidecarsByRange, {
      body: () => p2p.DataColumnSidecarsByRangeRequest.serialize(req),
      maxChunks,
    });
    const sidecars = this.checkDataColumnChunks(peerId, protocol, chunks);
    const fault = byRangeResponseFault(req, sidecars);
    if (fault !== null) this.unexpected(peerId, protocol, fault);
    return sidecars;
  }

  /** data_column_sidecars_by_root/1: the requested columns of each block root; checked as by range, and to be requested pairs. */
  async dataColumnSidecarsByRoot(peerId: PeerRef, ids: p2p.DataColumnSidecarsByRootRequest): Promise<fulu.DataColumnSidecar[]> {
    const maxChunks = Math.min(
      ids.reduce((n, id) => n + id.columns.length, 0),
      computeMaxRequestDataColumnSidecars(this.config)
    );
    if (maxChunks === 0) return [];
    const {protocol, chunks} = await this.request(peerId, ReqRespMethod.DataColumnSidecarsByRoot, {
      body: () => p2p.DataColumnSidecarsByRootRequest.serialize(ids),
      maxChunks,
    });
    const sidecars = this.checkDataColumnChunks(peerId, protocol, chunks);
    const fault = byRootResponseFault(ids, sidecars);
    if (fault !== null) this.unexpected(peerId, protocol, fault);
    return sidecars;
  }

  private checkDataColumnChunks(peerId: PeerRef, protocol: Protocol, chunks: Forked<unknown>[]): fulu.DataColumnSidecar[] {
    return chunks.map(({data, forkDigest}) => {
      const sidecar = data as fulu.DataColumnSidecar;
      const fault = dataColumnSidecarFault(this.config, sidecar) ?? contextBytesFault(this.config, sidecar, forkDigest);
      if (fault !== null) this.unexpected(peerId, protocol, fault);
      return sidecar;
    });
  }

  /** The LightClientBootstrap of a (finalized) block root, with the fork of its type. */
  async lightClientBootstrap(peerId: PeerRef, blockRoot: Uint8Array): Promise<Forked<unknown>> {
    return this.single(peerId, ReqRespMethod.LightClientBootstrap, {body: () => blockRoot});
  }

  async lightClientUpdatesByRange(peerId: PeerRef, req: p2p.LightClientUpdatesByRangeRequest): Promise<Forked<unknown>[]> {
    const {chunks} = await this.request(peerId, ReqRespMethod.LightClientUpdatesByRange, {
      body: () => p2p.LightClientUpdatesByRangeRequest.serialize(req),
      maxChunks: req.count,
    });
    return chunks;
  }

  async lightClientFinalityUpdate(peerId: PeerRef): Promise<Forked<unknown>> {
    return this.single(peerId, ReqRespMethod.LightClientFinalityUpdate, {body: () => null});
  }

  async lightClientOptimisticUpdate(peerId: PeerRef): Promise<Forked<unknown>> {
    return this.single(peerId, ReqRespMethod.LightClientOptimisticUpdate, {body: () => null});
  }
}
