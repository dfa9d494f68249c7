// The libp2p host of the p2p spec's "Network fundamentals": TCP, noise (XX, secp256k1 identity),
// yamux, identify and ping; gossipsub as the `pubsub` service. Req/resp protocols are registered on
// it afterwards by ReqResp.start().
import "../util/promiseWithResolvers.js";
import {createLibp2p, type Libp2p, type ServiceFactoryMap} from "libp2p";
import {tcp} from "@libp2p/tcp";
import {noise} from "@chainsafe/libp2p-noise";
import {yamux} from "@chainsafe/libp2p-yamux";
import {mplex} from "@libp2p/mplex";
import {identify, type Identify} from "@libp2p/identify";
import {ping, type Ping} from "@libp2p/ping";
import type {GossipSub, GossipSubComponents, GossipsubEvents} from "@chainsafe/libp2p-gossipsub";
import type {PrivateKey, PubSub} from "@libp2p/interface";

/** The services every Hearth host runs; `pubsub` is gossipsub from gossip/gossipsub.ts. */
export type HostServices = {identify: Identify; ping: Ping; pubsub: GossipSub};
export type Host = Libp2p<HostServices>;

export interface HostOptions {
  privateKey: PrivateKey;
  /** Multiaddrs to listen on, e.g. ["/ip4/0.0.0.0/tcp/9000"]; nothing else is listened on. */
  listenAddrs: string[];
  /** Extra addresses to announce (e.g. a public IP behind NAT); defaults to the listen addresses. */
  announceAddrs?: string[];
  /**
   * The gossipsub service factory (createGossipsubService from gossip/gossipsub.ts). gossipsub()
   * declares its product as a plain PubSub; the instance is the GossipSub class.
   */
  pubsub: (components: GossipSubComponents) => PubSub<GossipsubEvents>;
  /** Hard cap on open connections; the peer manager prunes to its target below this. */
  maxConnections: number;
  /** Peers (peer id strings) always allowed in even above maxConnections: static peers. */
  allowPeers?: string[];
  /** Banned peers: their connections are refused before the handshake completes. */
  isDenied?: (peerId: string) => boolean;
  /** Shown by identify; the spec suggests `<client>/<version>`. */
  agentVersion?: string;
}

export const DEFAULT_AGENT_VERSION = "hearth/0.1.0";

export async function createHost(opts: HostOptions): Promise<Host> {
  return createLibp2p<HostServices>({
    privateKey: opts.privateKey,
    addresses: {listen: opts.listenAddrs, announce: opts.announceAddrs ?? []},
    transports: [tcp()],
    connectionEncrypters: [noise()],
    // phase0 p2p-interface: clients MUST support mplex and MAY support yamux, which takes precedence.
    streamMuxers: [yamux(), mplex()],
    connectionManager: {
      maxConnections: opts.maxConnections,
      // a status handshake plus identify must fit; slow dials must not hold a slot for long
      dialTimeout: 5_000,
    },
    connectionGater: {
      denyDialPeer: async (peerId) => opts.isDenied?.(peerId.toString()) ?? false,
      denyInboundEncryptedConnection: async (peerId) => opts.isDenied?.(peerId.toString()) ?? false,
      denyOutboundEncryptedConnection: async (peerId) => opts.isDenied?.(peerId.toString()) ?? false,
    },
    nodeInfo: {userAgent: opts.agentVersion ?? DEFAULT_AGENT_VERSION},
    services: {
      identify: identify({agentVersion: opts.agentVersion ?? DEFAULT_AGENT_VERSION}),
      ping: ping(),
      pubsub: opts.pubsub as unknown as ServiceFactoryMap<HostServices>["pubsub"],
    },
    // No mDNS, no bootstrap module, no relay, no UPnP: discovery is discv5 only, and we listen only
    // where told.
    start: false,
  });
}
