// The Network facade: one object the beacon node creates to be on the p2p network. It owns the
// libp2p host, req/resp, gossip, discovery, the peer manager, the node's subnets, MetaData and ENR,
// and keeps them in step with the wall clock (fork digests, subnet rotation, topic switching).
import "./util/promiseWithResolvers.js";
import {EventEmitter} from "node:events";
import type {PeerId, PrivateKey} from "@libp2p/interface";
import {peerIdFromPrivateKey, peerIdFromString} from "@libp2p/peer-id";
import {multiaddr, type Multiaddr} from "@multiformats/multiaddr";
import type {SignableENR} from "@chainsafe/enr";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {getNetworkBootnodes, isNetworkName, type BeaconConfig} from "@hearth/config";
import type {p2p} from "@hearth/types";
import {createHost, type Host} from "./host/libp2p.js";
import {loadOrCreatePrivateKey} from "./host/peerId.js";
import {NetworkError, NetworkErrorCode} from "./host/errors.js";
import {childLogger, type NetworkLogger} from "./host/logger.js";
import {createLocalEnr, setEth2Fields} from "./discovery/enr.js";
import {parseBootnodes} from "./discovery/bootnodes.js";
import {Discovery} from "./discovery/discovery.js";
import {PeerManager, type PeerDirection} from "./peers/peerManager.js";
import {PeerScoreStore, type PeerAction} from "./peers/score.js";
import {GoodbyeReasonCode} from "./peers/goodbye.js";
import type {FinalizedCheckpointChecker} from "./peers/statusCheck.js";
import {LocalMetadata} from "./subnets/metadata.js";
import {SubnetsService, type AttnetDuty, type SyncnetDuty} from "./subnets/subnetsService.js";
import {nodeIdToBigInt} from "./subnets/computeSubnets.js";
import {ReqResp} from "./reqresp/reqResp.js";
import type {AnyMetadata, AnyStatus, ReqRespHandlers} from "./reqresp/interface.js";
import {Gossip} from "./gossip/gossip.js";
import {createGossipsubService, type GossipsubServiceOptions} from "./gossip/gossipsub.js";
import {GossipType, type GossipHandlers} from "./gossip/interface.js";

export const DEFAULT_PORT = 9000;
export const DEFAULT_HOST = "0.0.0.0";
export const DEFAULT_TARGET_PEERS = 50;
export const DEFAULT_MAX_PEERS = 55;

/**
 * The req/resp handlers the node implements. Ping and metadata are answered by the Network itself
 * from the MetaData it keeps (the node's versions, if given, are not used).
 */
export type NetworkReqRespHandlers = Omit<ReqRespHandlers, "onPing" | "onMetadata"> & Partial<Pick<ReqRespHandlers, "onPing" | "onMetadata">>;

export interface NetworkOptions {
  config: BeaconConfig;
  logger: NetworkLogger;
  /** peer-id.json lives here. */
  dataDir: string;
  /** Listen address (IPv4); default 0.0.0.0. Nothing else is listened on. */
  host?: string;
  /** TCP port (and discv5's UDP port unless discoveryPort); default 9000; 0 picks a free port. */
  port?: number;
  discoveryPort?: number;
  /** A public IP to put in the ENR (when `host` is a wildcard or private address). */
  enrHost?: string;
  /** Run discv5 (default true; tests pass false). */
  discv5?: boolean;
  /** Static peers, multiaddrs with /p2p/<peerId>: dialled at start and redialled when lost. */
  directPeers?: string[];
  /** Bootnode ENRs (--bootnodes). */
  bootnodes?: string[];
  /** A known network name: its built-in bootnodes are added to `bootnodes`. */
  network?: string;
  targetPeers?: number;
  maxPeers?: number;
  reqRespHandlers: NetworkReqRespHandlers;
  gossipHandlers: GossipHandlers;
  /** Our chain's status for handshakes (v2 fields ignored for v1 peers). */
  getStatus(): AnyStatus;
  /** The wall-clock slot: drives fork digests, topic switching and subnet rotation. */
  currentSlot(): number;
  /** Whether a peer's older finalized checkpoint is on our chain (from fork choice); optional. */
  isFinalizedCheckpointOnChain?: FinalizedCheckpointChecker;
  /** Join all 64 attestation subnets. */
  subscribeAllSubnets?: boolean;
  /** fulu custody group count advertised in ENR/MetaData; default CUSTODY_REQUIREMENT. */
  custodyGroupCount?: number;
  /** Test knobs. */
  gossipsub?: Pick<GossipsubServiceOptions, "overrides">;
  peerManager?: {heartbeatIntervalMs?: number; pingIntervalMs?: number; statusIntervalMs?: number; inboundStatusGraceMs?: number};
  /** How often the clock is polled for a new slot (default 500 ms). */
  clockPollMs?: number;
}

export interface ConnectedPeer {
  peerId: string;
  status: AnyStatus | null;
  metadata: AnyMetadata | null;
  direction: PeerDirection;
  score: number;
  /** Remote multiaddr of the first open connection. */
  address: string | null;
  connectedAtMs: number;
}

export interface NetworkEvents {
  /** After a successful status handshake. */
  peerConnected: [peerId: string, status: AnyStatus];
  peerDisconnected: [peerId: string];
}

export class Network extends EventEmitter<NetworkEvents> {
  readonly peerId: PeerId;
  readonly libp2p: Host;
  readonly reqResp: ReqResp;
  readonly gossip: Gossip;
  readonly peerManager: PeerManager;
  readonly subnets: SubnetsService;
  readonly metadata: LocalMetadata;
  readonly discovery: Discovery | null;
  private readonly localEnr: SignableENR;
  private readonly opts: NetworkOptions;
  private readonly logger: NetworkLogger;
  private clockTimer: NodeJS.Timeout | null = null;
  private lastSlot = -1;
  private coreTopicsSubscribed = false;
  private closed = false;

  private constructor(parts: {
    opts: NetworkOptions;
    privateKey: PrivateKey;
    libp2p: Host;
    enr: SignableENR;
    metadata: LocalMetadata;
    scores: PeerScoreStore;
    directPeers: Multiaddr[];
  }) {
    super();
    const {opts, libp2p, metadata, scores} = parts;
    this.opts = opts;
    this.logger = opts.logger;
    this.libp2p = libp2p;
    this.peerId = peerIdFromPrivateKey(parts.privateKey);
    this.localEnr = parts.enr;
    this.metadata = metadata;
    const {config} = opts;
    const currentEpoch = (): number => Math.floor(opts.currentSlot() / SLOTS_PER_EPOCH);
    const reportPeer = (peerId: string, action: PeerAction, reason: string): void => this.peerManager.reportPeer(peerId, action, reason);

    this.reqResp = new ReqResp({
      libp2p,
      config,
      handlers: this.wrapReqRespHandlers(opts.reqRespHandlers),
      logger: childLogger(opts.logger, "reqresp"),
      onPeerAction: reportPeer,
      currentEpoch,
    });
    this.gossip = new Gossip({
      pubsub: libp2p.services.pubsub,
      config,
      handlers: opts.gossipHandlers,
      logger: childLogger(opts.logger, "gossip"),
      onPeerAction: reportPeer,
    });
    this.peerManager = new PeerManager({
      libp2p,
      reqResp: this.reqResp,
      config,
      logger: childLogger(opts.logger, "peers"),
      scores,
      getStatus: opts.getStatus,
      getMetadataSeq: () => metadata.seq,
      currentEpoch,
      isFinalizedCheckpointOnChain: opts.isFinalizedCheckpointOnChain,
      directPeers: parts.directPeers,
      targetPeers: opts.targetPeers ?? DEFAULT_TARGET_PEERS,
      maxPeers: opts.maxPeers ?? DEFAULT_MAX_PEERS,
      onNeedPeers: () => this.discovery?.findPeers(),
      ...opts.peerManager,
    });
    this.peerManager.on("peerConnected", (id, status) => this.emit("peerConnected", id, status));
    this.peerManager.on("peerDisconnected", (id) => this.emit("peerDisconnected", id));

    this.subnets = new SubnetsService({
      config: config.chain,
      nodeId: nodeIdToBigInt(parts.enr.nodeId),
      metadata,
      subscribeAllSubnets: opts.subscribeAllSubnets,
      onSubscribe: (kind, subnet) =>
        this.gossip.subscribeSubnet(kind === "attnet" ? GossipType.beacon_attestation : GossipType.sync_committee, subnet),
      onUnsubscribe: (kind, subnet) =>
        this.gossip.unsubscribeSubnet(kind === "attnet" ? GossipType.beacon_attestation : GossipType.sync_committee, subnet),
    });
    metadata.onChange(() => this.refreshEnr());

    this.discovery =
      opts.discv5 === false
        ? null
        : new Discovery({
            privateKey: parts.privateKey,
            enr: parts.enr,
            bindHost: opts.host ?? DEFAULT_HOST,
            enrUpdate: opts.enrHost === undefined && isUnspecifiedHost(opts.host ?? DEFAULT_HOST),
            bindPort: opts.discoveryPort ?? opts.port ?? DEFAULT_PORT,
            bootnodes: parseBootnodes([...(opts.bootnodes ?? []), ...(opts.network && isNetworkName(opts.network) ? getNetworkBootnodes(opts.network) : [])]),
            config,
            currentEpoch,
            logger: childLogger(opts.logger, "discv5"),
            onPeer: (peer) => void this.peerManager.dialIfWanted(peer.multiaddr),
          });
  }

  /** Creates and starts the network: host listening, protocols registered, discovery and peers running. */
  static async init(opts: NetworkOptions): Promise<Network> {
    const host = opts.host ?? DEFAULT_HOST;
    const port = opts.port ?? DEFAULT_PORT;
    const directPeers = (opts.directPeers ?? []).map(parseDirectPeer);
    // Bootnodes are checked before anything binds a port, so a typo fails fast.
    parseBootnodes(opts.bootnodes ?? []);
    const privateKey = await loadOrCreatePrivateKey(opts.dataDir);
    const scores = new PeerScoreStore();
    const libp2p = await createHost({
      privateKey,
      listenAddrs: [`/ip4/${host}/tcp/${port}`],
      pubsub: createGossipsubService({
        config: opts.config,
        directPeers: directPeers.map((ma) => ({id: peerIdFromString(ma.getPeerId() as string), addrs: [ma.decapsulateCode(421)]})),
        appSpecificScore: (peerId) => scores.getScore(peerId),
        overrides: opts.gossipsub?.overrides,
      }),
      maxConnections: (opts.maxPeers ?? DEFAULT_MAX_PEERS) + directPeers.length,
      isDenied: (peerId) => scores.isBanned(peerId),
    });
    const metadata = new LocalMetadata(opts.custodyGroupCount ?? opts.config.chain.CUSTODY_REQUIREMENT);
    await libp2p.start();
    try {
      const tcpPort = boundTcpPort(libp2p) ?? port;
      const enr = createLocalEnr(privateKey, {
        ip: opts.enrHost ?? host,
        tcp: tcpPort,
        udp: opts.discv5 === false ? undefined : (opts.discoveryPort ?? port),
      });
      const network = new Network({opts, privateKey, libp2p, enr, metadata, scores, directPeers});
      await network.start();
      return network;
    } catch (e) {
      await libp2p.stop();
      throw e;
    }
  }

  private async start(): Promise<void> {
    this.onClock();
    await this.reqResp.start();
    this.gossip.start();
    this.peerManager.start();
    await this.discovery?.start();
    this.clockTimer = setInterval(() => this.onClock(), this.opts.clockPollMs ?? 500);
    this.clockTimer.unref();
    this.logger.info("Network started", {peerId: this.peerId.toString(), addrs: this.localMultiaddrs().map(String), discv5: this.discovery !== null});
  }

  /** Says goodbye to every peer and stops everything. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.clockTimer) clearInterval(this.clockTimer);
    await this.peerManager.stop(GoodbyeReasonCode.CLIENT_SHUTDOWN);
    this.gossip.stop();
    await this.reqResp.stop();
    await this.discovery?.stop();
    await this.libp2p.stop();
  }

  // ---- identity ----

  /** The addresses we listen on, with our /p2p/ id. */
  localMultiaddrs(): Multiaddr[] {
    return this.libp2p.getMultiaddrs();
  }

  /** Our ENR, text form. */
  enr(): string {
    return this.localEnr.encodeTxt();
  }

  getMetadata(): p2p.MetaDataV3 {
    return this.metadata.toMetadata();
  }

  // ---- peers ----

  getConnectedPeers(): ConnectedPeer[] {
    return this.peerManager.getPeers().map((p) => ({
      peerId: p.peerId,
      status: p.status,
      metadata: p.metadata,
      direction: p.direction,
      score: this.peerManager.getScore(p.peerId),
      address: this.libp2p.getConnections(peerIdFromString(p.peerId))[0]?.remoteAddr.toString() ?? null,
      connectedAtMs: p.connectedAtMs,
    }));
  }

  /** Peers that completed the status handshake: the ones sync may use. */
  getSyncPeers(): {peerId: string; status: AnyStatus}[] {
    return this.peerManager.getReadyPeers().map((p) => ({peerId: p.peerId, status: p.status as AnyStatus}));
  }

  /** Penalise a peer (sync: a bad batch; API: nothing). */
  reportPeer(peerId: string, action: PeerAction, reason: string): void {
    this.peerManager.reportPeer(peerId, action, reason);
  }

  // ---- gossip topics and subnets ----

  /** Join the gossip core topics (once synced); they then follow fork boundaries by themselves. */
  subscribeGossipCoreTopics(): void {
    this.coreTopicsSubscribed = true;
    this.gossip.updateForkTopics(this.currentEpoch());
  }

  unsubscribeGossipCoreTopics(): void {
    this.coreTopicsSubscribed = false;
    for (const b of this.opts.config.forkDigestBoundaries) this.gossip.unsubscribeCoreTopics(b);
  }

  isSubscribedToGossipCoreTopics(): boolean {
    return this.coreTopicsSubscribed;
  }

  /** Duty-driven attestation subnets (beacon API prepareBeaconCommitteeSubnet). */
  prepareBeaconCommitteeSubnets(duties: AttnetDuty[]): void {
    this.subnets.addAttnetDuties(duties);
  }

  /** Sync committee subnets (beacon API prepareSyncCommitteeSubnets). */
  prepareSyncCommitteeSubnets(duties: SyncnetDuty[]): void {
    this.subnets.addSyncnetDuties(duties);
  }

  // ---- internals ----

  private currentEpoch(): number {
    return Math.floor(this.opts.currentSlot() / SLOTS_PER_EPOCH);
  }

  /** Per new slot: subnet rotation/expiry; per new epoch: ENR fork id and gossip fork topics. */
  private onClock(): void {
    const slot = this.opts.currentSlot();
    if (slot === this.lastSlot) return;
    const newEpoch = this.lastSlot < 0 || Math.floor(slot / SLOTS_PER_EPOCH) !== Math.floor(this.lastSlot / SLOTS_PER_EPOCH);
    this.lastSlot = slot;
    this.subnets.onSlot(slot);
    if (newEpoch) {
      this.refreshEnr();
      if (this.coreTopicsSubscribed) this.gossip.updateForkTopics(this.currentEpoch());
    }
  }

  private refreshEnr(): void {
    setEth2Fields(this.localEnr, this.opts.config, this.currentEpoch(), {
      attnets: this.metadata.getAttnets(),
      syncnets: this.metadata.getSyncnets(),
      custodyGroupCount: this.metadata.getCustodyGroupCount(),
    });
  }

  /** Status/goodbye feed the peer manager before the node's handler runs; ping/metadata are ours. */
  private wrapReqRespHandlers(h: NetworkReqRespHandlers): ReqRespHandlers {
    return {
      ...h,
      onStatus: async (status, peerId) => {
        const ours = await h.onStatus(status, peerId);
        this.peerManager.onStatusReceived(peerId, status);
        return ours;
      },
      onGoodbye: async (reason, peerId) => {
        this.peerManager.onGoodbyeReceived(peerId, reason);
        await h.onGoodbye(reason, peerId);
      },
      onPing: async (seq, peerId) => {
        this.peerManager.onPingReceived(peerId, seq);
        return this.metadata.seq;
      },
      onMetadata: async () => this.metadata.toMetadata(),
    };
  }
}

/** A --directPeers entry: a multiaddr that names the peer (/p2p/<id>). */
export function parseDirectPeer(text: string): Multiaddr {
  let ma: Multiaddr;
  try {
    ma = multiaddr(text);
  } catch (e) {
    throw new NetworkError(NetworkErrorCode.INVALID_DIRECT_PEER, `direct peer "${text}" is not a multiaddr: ${(e as Error).message}`, {peer: text});
  }
  const id = ma.getPeerId();
  if (!id) throw new NetworkError(NetworkErrorCode.INVALID_DIRECT_PEER, `direct peer "${text}" has no /p2p/<peerId>`, {peer: text});
  try {
    peerIdFromString(id);
  } catch (e) {
    throw new NetworkError(NetworkErrorCode.INVALID_DIRECT_PEER, `direct peer "${text}" has a bad peer id: ${(e as Error).message}`, {peer: text});
  }
  return ma;
}

/** The TCP port libp2p actually bound (differs from the option when it was 0). */
function boundTcpPort(libp2p: Host): number | null {
  for (const ma of libp2p.getMultiaddrs()) {
    const tcp = ma.stringTuples().find(([code]) => code === 6);
    if (tcp?.[1]) return Number(tcp[1]);
  }
  return null;
}

/** 0.0.0.0 (or ::) binds every interface, and names none a peer could dial. */
function isUnspecifiedHost(host: string): boolean {
  return host === "0.0.0.0" || host === "::";
}
