// Peer discovery with discv5 over UDP: random lookups fill the peer set; every ENR found is checked
// for an eth2 entry on our fork digest and a TCP address before it is offered to the peer manager.
import type {EventEmitter} from "node:events";
import {Discv5} from "@chainsafe/discv5";
import type {ENR, SignableENR} from "@chainsafe/enr";
import type {PrivateKey} from "@libp2p/interface";
import {multiaddr, type Multiaddr} from "@multiformats/multiaddr";
import {bytesEqual, type BeaconConfig} from "@hearth/config";
import type {NetworkLogger} from "../host/logger.js";
import {readEth2Fields, type Eth2EnrFields} from "./enr.js";

export interface DiscoveredPeer {
  peerId: string;
  /** /ip4/…/tcp/…/p2p/<peerId>, ready to dial. */
  multiaddr: Multiaddr;
  eth2: Eth2EnrFields;
}

export interface DiscoveryOptions {
  privateKey: PrivateKey;
  enr: SignableENR;
  /** UDP bind address, e.g. 0.0.0.0 and the TCP port. */
  bindHost: string;
  /**
   * Whether discv5 may fill in our ENR's ip from what peers see. On when no --enrHost was given and
   * we bind every interface: an ENR without an ip cannot be dialled by anyone.
   */
  enrUpdate: boolean;
  bindPort: number;
  bootnodes: ENR[];
  config: BeaconConfig;
  currentEpoch(): number;
  logger: NetworkLogger;
  onPeer(peer: DiscoveredPeer): void;
}

/** Lookups run at most this often, whatever the peer manager asks. */
const MIN_LOOKUP_INTERVAL_MS = 5_000;

export class Discovery {
  readonly discv5: Discv5;
  private lastLookupMs = 0;
  private lookupRunning = false;
  private readonly onDiscovered = (enr: ENR): void => this.consider(enr);

  constructor(private readonly opts: DiscoveryOptions) {
    this.discv5 = Discv5.create({
      enr: opts.enr,
      privateKey: opts.privateKey as never,
      bindAddrs: {ip4: multiaddr(`/ip4/${opts.bindHost}/udp/${opts.bindPort}`) as never},
      // An --enrHost is what we were told to announce; without one, the address peers see is the best we know.
      config: {enrUpdate: opts.enrUpdate},
    });
  }

  async start(): Promise<void> {
    this.events().on("discovered", this.onDiscovered);
    // ENRs entering the routing table (bootnodes, nodes that contact us) are candidates too.
    this.events().on("enrAdded", this.onDiscovered);
    await this.discv5.start();
    for (const enr of this.opts.bootnodes) {
      try {
        this.discv5.addEnr(enr);
      } catch (e) {
        this.opts.logger.warn("Bootnode rejected by discv5", {enr: enr.encodeTxt(), error: (e as Error).message});
      }
      // A bootnode that is itself a beacon node on our chain is worth a connection.
      this.consider(enr);
    }
    this.findPeers();
  }

  async stop(): Promise<void> {
    this.events().off("discovered", this.onDiscovered);
    this.events().off("enrAdded", this.onDiscovered);
    await this.discv5.stop();
  }

  /** Starts a random lookup unless one runs or ran very recently. Results arrive via onPeer. */
  findPeers(): void {
    const now = Date.now();
    if (this.lookupRunning || now - this.lastLookupMs < MIN_LOOKUP_INTERVAL_MS) return;
    this.lookupRunning = true;
    this.lastLookupMs = now;
    this.discv5
      .findRandomNode()
      .then((enrs) => {
        for (const enr of enrs) this.consider(enr);
      })
      .catch((e: Error) => this.opts.logger.debug("discv5 lookup failed", {error: e.message}))
      .finally(() => {
        this.lookupRunning = false;
      });
  }

  /** ENRs in the routing table (for the API's peer listing and tests). */
  knownEnrs(): ENR[] {
    return this.discv5.kadValues();
  }

  /** Discv5's typed emitter does not resolve its typings package here; it is a Node EventEmitter. */
  private events(): EventEmitter {
    return this.discv5 as unknown as EventEmitter;
  }

  private consider(enr: ENR): void {
    const peer = toDiscoveredPeer(enr, this.opts.config, this.opts.currentEpoch());
    if (peer) this.opts.onPeer(peer);
  }
}

/** An ENR we would dial: eth2 on our current digest and a TCP address; otherwise null. */
export function toDiscoveredPeer(enr: ENR, config: BeaconConfig, epoch: number): DiscoveredPeer | null {
  const eth2 = readEth2Fields(enr);
  if (!eth2 || !bytesEqual(eth2.forkId.forkDigest, config.forkDigestAtEpoch(epoch))) return null;
  const ip = enr.ip;
  const tcp = enr.tcp;
  if (!ip || !tcp) return null;
  let peerId: string;
  try {
    peerId = enr.peerId.toString();
  } catch {
    return null;
  }
  return {peerId, multiaddr: multiaddr(`/ip4/${ip}/tcp/${tcp}/p2p/${peerId}`), eth2};
}
