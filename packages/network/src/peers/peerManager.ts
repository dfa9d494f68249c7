// Keeps the node's peer set healthy: the status handshake on every new connection (dropping peers on
// another fork or chain), scores with decay and bans, a target and a maximum peer count, periodic
// ping / metadata / status refresh, and static (direct) peers that are redialled when lost.
import {EventEmitter} from "node:events";
import type {Connection, PeerId} from "@libp2p/interface";
import type {Multiaddr} from "@multiformats/multiaddr";
import {peerIdFromString} from "@libp2p/peer-id";
import type {BeaconConfig} from "@hearth/config";
import type {AnyMetadata, AnyStatus} from "../reqresp/interface.js";
import type {Host} from "../host/libp2p.js";
import type {NetworkLogger} from "../host/logger.js";
import {GoodbyeReasonCode, goodbyeReasonName} from "./goodbye.js";
import {PeerAction, PeerScoreStore, ScoreState} from "./score.js";
import {checkPeerStatus, StatusVerdict, type FinalizedCheckpointChecker} from "./statusCheck.js";

/** The outbound req/resp calls the peer manager makes (ReqResp implements them). */
export interface PeerReqResp {
  status(peerId: string, ours: AnyStatus): Promise<AnyStatus>;
  goodbye(peerId: string, reason: number): Promise<void>;
  ping(peerId: string, seq: number): Promise<number>;
  metadata(peerId: string): Promise<AnyMetadata>;
}

export type PeerDirection = "inbound" | "outbound";

export interface PeerInfo {
  peerId: string;
  direction: PeerDirection;
  connectedAtMs: number;
  /** The peer's status, null until the handshake completed. */
  status: AnyStatus | null;
  metadata: AnyMetadata | null;
  /** Highest metadata seq the peer announced by ping; a fetch is due when it exceeds metadata's. */
  announcedSeq: number;
  lastPingMs: number;
  lastStatusMs: number;
  /** A goodbye was sent or received: the connection is on its way down. */
  leaving: boolean;
}

export interface PeerManagerOptions {
  libp2p: Host;
  reqResp: PeerReqResp;
  config: BeaconConfig;
  logger: NetworkLogger;
  scores: PeerScoreStore;
  /** Our status for handshakes. */
  getStatus(): AnyStatus;
  /** Our metadata seq_number, sent in pings. */
  getMetadataSeq(): number;
  /** The wall-clock epoch (fork digest of handshakes). */
  currentEpoch(): number;
  isFinalizedCheckpointOnChain?: FinalizedCheckpointChecker;
  /** Peers we keep connected to: multiaddrs with /p2p/<id>. */
  directPeers: Multiaddr[];
  targetPeers: number;
  maxPeers: number;
  /** Asked for `count` more peers when below target (discovery). */
  onNeedPeers?(count: number): void;
  /** Intervals; tests shorten them. */
  heartbeatIntervalMs?: number;
  pingIntervalMs?: number;
  statusIntervalMs?: number;
  /** An inbound peer that has not sent status within this time is asked for it. */
  inboundStatusGraceMs?: number;
  now?: () => number;
}

export interface PeerManagerEvents {
  peerConnected: [peerId: string, status: AnyStatus];
  peerDisconnected: [peerId: string];
}

const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_PING_MS = 20_000;
const DEFAULT_STATUS_MS = 5 * 60_000;
const DEFAULT_INBOUND_STATUS_GRACE_MS = 2_000;
/** How long a goodbye may take before we hang up anyway. */
const GOODBYE_TIMEOUT_MS = 1_000;
/** Outbound dials waiting at once, so discovery bursts do not flood the dialer. */
const MAX_CONCURRENT_DIALS = 8;

export class PeerManager extends EventEmitter<PeerManagerEvents> {
  private readonly peers = new Map<string, PeerInfo>();
  private readonly directPeerIds = new Set<string>();
  private readonly dialing = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  private running = false;

  constructor(private readonly opts: PeerManagerOptions) {
    super();
    this.now = opts.now ?? Date.now;
    for (const ma of opts.directPeers) {
      const id = ma.getPeerId();
      if (id) this.directPeerIds.add(id);
    }
  }

  private readonly onConnectionOpen = (evt: CustomEvent<Connection>): void => this.handleConnectionOpen(evt.detail);
  private readonly onPeerDisconnect = (evt: CustomEvent<PeerId>): void => this.handlePeerDisconnect(evt.detail.toString());

  start(): void {
    if (this.running) return;
    this.running = true;
    const {libp2p} = this.opts;
    libp2p.addEventListener("connection:open", this.onConnectionOpen);
    libp2p.addEventListener("peer:disconnect", this.onPeerDisconnect);
    this.every(this.opts.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS, () => this.heartbeat());
    this.every(Math.min(this.opts.pingIntervalMs ?? DEFAULT_PING_MS, this.opts.statusIntervalMs ?? DEFAULT_STATUS_MS), () =>
      this.refreshPeers(),
    );
    for (const ma of this.opts.directPeers) void this.dial(ma);
  }

  /** Says goodbye to every peer, then stops. */
  async stop(reason = GoodbyeReasonCode.CLIENT_SHUTDOWN): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    await Promise.all([...this.peers.keys()].map((id) => this.goodbyeAndDisconnect(id, reason)));
    this.opts.libp2p.removeEventListener("connection:open", this.onConnectionOpen);
    this.opts.libp2p.removeEventListener("peer:disconnect", this.onPeerDisconnect);
  }

  // ---- queries ----

  getPeers(): PeerInfo[] {
    return [...this.peers.values()];
  }

  getPeer(peerId: string): PeerInfo | undefined {
    return this.peers.get(peerId);
  }

  /** Peers that completed the status handshake and are not leaving. */
  getReadyPeers(): PeerInfo[] {
    return this.getPeers().filter((p) => p.status !== null && !p.leaving);
  }

  getScore(peerId: string): number {
    return this.opts.scores.getScore(peerId);
  }

  isBanned(peerId: string): boolean {
    return this.opts.scores.isBanned(peerId);
  }

  // ---- reports from req/resp, gossip and sync ----

  /** Applies a penalty; disconnects (and bans) when the score falls past the thresholds. */
  reportPeer(peerId: string, action: PeerAction, reason: string): void {
    const state = this.opts.scores.applyAction(peerId, action);
    this.opts.logger.debug("Peer penalised", {peerId, action, reason, score: this.opts.scores.getScore(peerId)});
    if (state === ScoreState.Banned) void this.goodbyeAndDisconnect(peerId, GoodbyeReasonCode.BANNED);
    else if (state === ScoreState.Disconnected) void this.goodbyeAndDisconnect(peerId, GoodbyeReasonCode.SCORE_TOO_LOW);
  }

  /** The peer sent us its status (an inbound status request). */
  onStatusReceived(peerId: string, status: AnyStatus): void {
    this.acceptStatus(peerId, status);
  }

  /**
   * The peer told us its metadata seq (its ping, or its answer to ours). Metadata we lack or hold at an
   * older seq is fetched, also when an earlier fetch failed: a peer's custody and subnets come from it.
   */
  onPingReceived(peerId: string, seq: number): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    if (seq > peer.announcedSeq) peer.announcedSeq = seq;
    if (!peer.metadata || peer.announcedSeq > peer.metadata.seqNumber) void this.fetchMetadata(peer);
  }

  /** The peer said goodbye: it will hang up; we do too. */
  onGoodbyeReceived(peerId: string, reason: number): void {
    const peer = this.peers.get(peerId);
    if (peer) peer.leaving = true;
    this.opts.logger.debug("Peer said goodbye", {peerId, reason: goodbyeReasonName(reason)});
    void this.hangUp(peerId);
  }

  /** Sends a goodbye with `reason` (bounded in time), then closes every connection to the peer. */
  async goodbyeAndDisconnect(peerId: string, reason: GoodbyeReasonCode): Promise<void> {
    const peer = this.peers.get(peerId);
    if (peer?.leaving) return;
    if (peer) peer.leaving = true;
    this.opts.logger.debug("Disconnecting peer", {peerId, reason: goodbyeReasonName(reason)});
    try {
      await withTimeout(this.opts.reqResp.goodbye(peerId, reason), GOODBYE_TIMEOUT_MS);
    } catch {
      // The peer may already be gone or not answer; we hang up regardless.
    }
    await this.hangUp(peerId);
  }

  /** Dials a candidate from discovery if we want more peers. */
  async dialIfWanted(ma: Multiaddr): Promise<void> {
    const id = ma.getPeerId();
    if (!id || this.peers.has(id) || this.dialing.has(id) || this.isBanned(id)) return;
    if (this.peers.size + this.dialing.size >= this.opts.targetPeers || this.dialing.size >= MAX_CONCURRENT_DIALS) return;
    await this.dial(ma);
  }

  // ---- internals ----

  private async dial(ma: Multiaddr): Promise<void> {
    const id = ma.getPeerId();
    if (!id || !this.running) return;
    this.dialing.add(id);
    try {
      await this.opts.libp2p.dial(ma);
    } catch (e) {
      this.opts.logger.debug("Dial failed", {peer: ma.toString(), error: (e as Error).message});
    } finally {
      this.dialing.delete(id);
    }
  }

  private handleConnectionOpen(conn: Connection): void {
    const peerId = conn.remotePeer.toString();
    if (this.isBanned(peerId)) {
      void conn.close().catch(() => {});
      return;
    }
    if (this.peers.has(peerId)) return;
    const now = this.now();
    const peer: PeerInfo = {
      peerId,
      direction: conn.direction,
      connectedAtMs: now,
      status: null,
      metadata: null,
      announcedSeq: 0,
      lastPingMs: now,
      lastStatusMs: 0,
      leaving: false,
    };
    this.peers.set(peerId, peer);
    // Over the hard cap: keep the connection only long enough to tell the peer why.
    if (this.peers.size > this.opts.maxPeers && !this.directPeerIds.has(peerId)) {
      void this.goodbyeAndDisconnect(peerId, GoodbyeReasonCode.TOO_MANY_PEERS);
      return;
    }
    // phase0 p2p-interface.md: the dialing side MUST send Status; an inbound peer that does not is
    // asked after a grace period.
    if (conn.direction === "outbound") void this.requestStatus(peer);
    else {
      const t = setTimeout(() => {
        if (this.peers.get(peerId) === peer && peer.status === null && !peer.leaving) void this.requestStatus(peer);
      }, this.opts.inboundStatusGraceMs ?? DEFAULT_INBOUND_STATUS_GRACE_MS);
      t.unref();
    }
  }

  private handlePeerDisconnect(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    this.opts.logger.debug("Peer disconnected", {peerId, handshaked: peer.status !== null});
    this.emit("peerDisconnected", peerId);
  }

  private async requestStatus(peer: PeerInfo): Promise<void> {
    let status: AnyStatus;
    try {
      status = await this.opts.reqResp.status(peer.peerId, this.opts.getStatus());
    } catch (e) {
      if (peer.leaving || !this.peers.has(peer.peerId)) return;
      this.opts.logger.debug("Status request failed", {peerId: peer.peerId, error: (e as Error).message});
      // No status, no peering: the handshake is mandatory.
      this.opts.scores.applyAction(peer.peerId, PeerAction.LowToleranceError);
      void this.goodbyeAndDisconnect(peer.peerId, GoodbyeReasonCode.ERROR);
      return;
    }
    this.acceptStatus(peer.peerId, status);
  }

  private acceptStatus(peerId: string, status: AnyStatus): void {
    const peer = this.peers.get(peerId);
    if (!peer || peer.leaving) return;
    const verdict = checkPeerStatus(
      this.opts.config,
      this.opts.currentEpoch(),
      this.opts.getStatus(),
      status,
      this.opts.isFinalizedCheckpointOnChain,
    );
    if (verdict !== StatusVerdict.OK) {
      this.opts.logger.debug("Irrelevant peer", {peerId, verdict});
      void this.goodbyeAndDisconnect(peerId, GoodbyeReasonCode.IRRELEVANT_NETWORK);
      return;
    }
    const first = peer.status === null;
    peer.status = status;
    peer.lastStatusMs = this.now();
    if (first) {
      this.opts.logger.debug("Peer connected", {peerId, direction: peer.direction, headSlot: status.headSlot});
      this.emit("peerConnected", peerId, status);
      void this.fetchMetadata(peer);
    }
  }

  private async fetchMetadata(peer: PeerInfo): Promise<void> {
    try {
      const md = await this.opts.reqResp.metadata(peer.peerId);
      if (this.peers.get(peer.peerId) === peer) peer.metadata = md;
    } catch (e) {
      if (!peer.leaving) this.reportPeer(peer.peerId, PeerAction.HighToleranceError, `metadata: ${(e as Error).message}`);
    }
  }

  /** Pings peers whose ping is due and re-requests status from those whose status is stale. */
  private refreshPeers(): void {
    const now = this.now();
    const pingMs = this.opts.pingIntervalMs ?? DEFAULT_PING_MS;
    const statusMs = this.opts.statusIntervalMs ?? DEFAULT_STATUS_MS;
    for (const peer of this.getReadyPeers()) {
      if (now - peer.lastPingMs >= pingMs) {
        peer.lastPingMs = now;
        this.opts.reqResp.ping(peer.peerId, this.opts.getMetadataSeq()).then(
          (seq) => this.onPingReceived(peer.peerId, seq),
          (e: Error) => {
            if (!peer.leaving) this.reportPeer(peer.peerId, PeerAction.HighToleranceError, `ping: ${e.message}`);
          },
        );
      }
      if (now - peer.lastStatusMs >= statusMs) {
        peer.lastStatusMs = now;
        void this.requestStatus(peer);
      }
    }
  }

  /** Enforces scores and the target peer count, redials lost direct peers, asks discovery for more. */
  private heartbeat(): void {
    for (const peer of this.getPeers()) {
      if (peer.leaving) continue;
      const state = this.opts.scores.getState(peer.peerId);
      if (state === ScoreState.Banned) void this.goodbyeAndDisconnect(peer.peerId, GoodbyeReasonCode.BANNED);
      else if (state === ScoreState.Disconnected) void this.goodbyeAndDisconnect(peer.peerId, GoodbyeReasonCode.SCORE_TOO_LOW);
    }
    const live = this.getPeers().filter((p) => !p.leaving);
    const excess = live.length - this.opts.targetPeers;
    if (excess > 0) {
      // Prune the least useful first: not direct, lowest score, inbound before outbound (outbound
      // peers are the ones we chose and resist eclipse attacks).
      const candidates = live
        .filter((p) => !this.directPeerIds.has(p.peerId))
        .sort(
          (a, b) =>
            this.getScore(a.peerId) - this.getScore(b.peerId) ||
            (a.direction === b.direction ? 0 : a.direction === "inbound" ? -1 : 1),
        );
      for (const p of candidates.slice(0, excess)) void this.goodbyeAndDisconnect(p.peerId, GoodbyeReasonCode.TOO_MANY_PEERS);
    } else if (excess < 0) {
      this.opts.onNeedPeers?.(-excess);
    }
    for (const ma of this.opts.directPeers) {
      const id = ma.getPeerId();
      if (id && !this.peers.has(id) && !this.dialing.has(id)) void this.dial(ma);
    }
    this.opts.scores.prune((id) => this.peers.has(id));
  }

  private async hangUp(peerId: string): Promise<void> {
    try {
      await this.opts.libp2p.hangUp(peerIdFromString(peerId));
    } catch (e) {
      this.opts.logger.debug("Hang up failed", {peerId, error: (e as Error).message});
    }
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(() => {
      try {
        fn();
      } catch (e) {
        this.opts.logger.error("Peer manager task failed", {}, e);
      }
    }, ms);
    t.unref();
    this.timers.push(t);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
