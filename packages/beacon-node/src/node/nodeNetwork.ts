// The node on the p2p network: the Network with the node's req/resp and gossip handlers, range sync
// fed by peers' statuses, core gossip topics, and the view of peers the Beacon API serves.
import {GossipType, Network, type AnyStatus, type GossipHandlers, type PeerAction} from "@hearth/network";
import {createBeaconConfig, toHex} from "@hearth/config";
import type {NetworkIdentity, Peer} from "@hearth/api";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {BeaconChain} from "../chain/chain.js";
import {createChainGossipContext} from "../chain/validation/chainContext.js";
import {createGossipHandlers} from "../network/gossip/index.js";
import {createReqRespHandlers, getLocalStatus} from "../network/reqresp/index.js";
import {RangeSync, rangeSyncChainOf, type RangeSyncNetwork, type SyncPeerStatus} from "../sync/index.js";
import type {ApiNetwork} from "../api/index.js";
import type {Logger} from "../logger/index.js";
import {trackNodeNetworkMetrics, withReqRespMetrics, type BeaconMetrics} from "../metrics/index.js";
import {createGossipPublisher, type GossipPublisher} from "./publisher.js";
import {advertisedCustodyGroupCount, prepareKzg, publishOwnSidecars, setupColumnCustody} from "./columnCustody.js";
import {ColumnFetcher} from "./columnFetcher.js";
import {UnknownParentFetcher} from "./unknownParent.js";
import {fetchBatchSidecars} from "../sync/range/sidecars.js";

export interface NodeNetworkOptions {
  /** Listen address (IPv4); default 0.0.0.0. */
  host?: string;
  /** TCP (and discv5 UDP) port; default 9000; 0 picks a free one. */
  port?: number;
  /** Multiaddrs with /p2p/<id>, kept connected. */
  directPeers?: string[];
  /** ENRs. */
  bootnodes?: string[];
  /** A known network's name, for its bootnodes. */
  networkName?: string;
  targetPeers?: number;
  maxPeers?: number;
  /** Run discv5 (default true). */
  discv5?: boolean;
  subscribeAllSubnets?: boolean;
  /** fulu `--supernode`: custody (and advertise) every custody group. */
  supernode?: boolean;
  /**
   * Test hook: join no data_column_sidecar subnet, so that every column this node samples comes by
   * req/resp (or reconstruction) — what a node without peers on its column subnets goes through.
   */
  skipColumnSubnets?: boolean;
  /** Range sync knobs (tests). */
  sync?: {recheckIntervalMs?: number; logIntervalMs?: number};
}

export interface NodeNetwork {
  network: Network;
  sync: RangeSync;
  publisher: GossipPublisher;
  api: ApiNetwork;
  columnFetcher: ColumnFetcher;
  unknownParent: UnknownParentFetcher;
  close(): Promise<void>;
}

/** validateGossipBlock's IGNORE reason for a block whose parent has not been seen. */
const UNKNOWN_PARENT_REASON = "block's parent has not been seen";

function syncStatusOf(status: AnyStatus): SyncPeerStatus {
  return {finalizedRoot: status.finalizedRoot, finalizedEpoch: status.finalizedEpoch, headRoot: status.headRoot, headSlot: status.headSlot};
}

export async function startNodeNetwork(
  chain: BeaconChain,
  opts: NodeNetworkOptions & {dataDir: string; logger: Logger; metrics?: BeaconMetrics}
): Promise<NodeNetwork> {
  const {logger} = opts;
  // Before the first peer: loading the KZG setup blocks the event loop for seconds.
  prepareKzg(chain.config, logger);
  const config = createBeaconConfig(chain.config, chain.genesisValidatorsRoot);
  // The oldest block we can serve: the anchor's (0 from genesis, the checkpoint's after checkpoint sync).
  const anchor = chain.forkChoice.getBlock(chain.anchorRoot);
  const earliestAvailableSlot = (await chain.db.getAnchor())?.state.state.slot === 0 ? 0 : (anchor?.slot ?? 0);
  const getStatus = (): AnyStatus => getLocalStatus(chain, config, earliestAvailableSlot);

  let network: Network | null = null;
  const reqRespHandlers = withReqRespMetrics(
    opts.metrics,
    createReqRespHandlers(chain, {
      getMetadata: () => network!.getMetadata(),
      earliestAvailableSlot: () => earliestAvailableSlot,
      logger: logger.child("reqresp"),
    })
  );
  const gossipHandlers = createGossipHandlers({chain, context: createChainGossipContext(chain), logger: logger.child("gossip")});
  let onUnknownParent: ((block: SignedBeaconBlockAllForks, peerId: string) => void) | null = null;
  const handlers: GossipHandlers = {
    ...gossipHandlers,
    // A block IGNOREd only for its unknown parent has its ancestors fetched by root.
    [GossipType.beacon_block]: async (block, meta) => {
      const res = await gossipHandlers[GossipType.beacon_block](block, meta);
      if (res.result === "ignore" && res.reason === UNKNOWN_PARENT_REASON) onUnknownParent?.(block as SignedBeaconBlockAllForks, meta.peerId);
      return res;
    },
  };
  const supernode = opts.supernode === true;
  network = await Network.init({
    config,
    logger: logger.child("network"),
    dataDir: opts.dataDir,
    host: opts.host,
    port: opts.port,
    discv5: opts.discv5,
    directPeers: opts.directPeers,
    bootnodes: opts.bootnodes,
    network: opts.networkName,
    targetPeers: opts.targetPeers,
    maxPeers: opts.maxPeers,
    subscribeAllSubnets: opts.subscribeAllSubnets,
    reqRespHandlers,
    gossipHandlers: handlers,
    custodyGroupCount: advertisedCustodyGroupCount(chain.config, supernode),
    getStatus,
    currentSlot: () => chain.clock.currentSlot,
  });
  const net = network;
  setupColumnCustody(chain, net, config, {supernode, logger: logger.child("custody")});
  if (opts.skipColumnSubnets) {
    net.gossip.subscribeColumnSubnets([]);
    logger.warn("Joined no data column subnet (test hook): columns come by req/resp only");
  }
  publishOwnSidecars(chain, net, config, logger.child("publish"));
  const columnFetcher = new ColumnFetcher(chain, net, logger.child("columns"));
  columnFetcher.start();
  const unknownParent = new UnknownParentFetcher(chain, net, logger.child("unknown-parent"));
  onUnknownParent = (block, peerId) => unknownParent.onUnknownParent(block, peerId);

  const syncNetwork: RangeSyncNetwork = {
    beaconBlocksByRange: async (peerId, startSlot, count) => {
      const blocks = (await net.reqResp.beaconBlocksByRange(peerId, {startSlot, count})) as unknown as SignedBeaconBlockAllForks[];
      // The batch's blobs or custody columns, into the availability cache before the blocks import.
      await fetchBatchSidecars(chain, net, blocks, {peerId, startSlot, count, logger: logger.child("sync")});
      return blocks;
    },
    refreshStatus: async (peerId) => {
      if (!net.getSyncPeers().some((p) => p.peerId === peerId)) return null;
      return syncStatusOf(await net.reqResp.status(peerId, getStatus()));
    },
    reportPeer: (peerId, action, reason) => net.reportPeer(peerId, action as PeerAction, reason),
  };
  const sync = new RangeSync({
    chain: rangeSyncChainOf(chain),
    network: syncNetwork,
    logger: logger.child("sync"),
    recheckIntervalMs: opts.sync?.recheckIntervalMs ?? Math.max(1000, chain.config.SLOT_DURATION_MS),
    logIntervalMs: opts.sync?.logIntervalMs,
  });
  net.on("peerConnected", (peerId, status) => {
    logger.info("Peer connected", {peer: peerId, headSlot: status.headSlot, finalizedEpoch: status.finalizedEpoch});
    sync.addPeer(peerId, syncStatusOf(status));
  });
  net.on("peerDisconnected", (peerId) => {
    logger.info("Peer disconnected", {peer: peerId});
    sync.removePeer(peerId);
  });
  for (const {peerId, status} of net.getSyncPeers()) sync.addPeer(peerId, syncStatusOf(status));
  sync.start();
  if (opts.metrics) trackNodeNetworkMetrics(opts.metrics, net, sync);
  // Gossip from the start: blocks on an unknown parent are ignored until range sync has the chain.
  net.subscribeGossipCoreTopics();

  const publisher = createGossipPublisher(chain, net, logger.child("publish"));
  return {
    network: net,
    sync,
    publisher,
    api: apiNetworkOf(net),
    columnFetcher,
    unknownParent,
    close: async () => {
      columnFetcher.stop();
      unknownParent.close();
      await sync.stop();
      await net.close();
    },
  };
}

/** Peers and identity for /eth/v1/node/*. */
function apiNetworkOf(net: Network): ApiNetwork {
  const peerOf = (p: ReturnType<Network["getConnectedPeers"]>[number]): Peer => ({
    peerId: p.peerId,
    enr: null,
    lastSeenP2pAddress: p.address ?? "",
    state: "connected",
    direction: p.direction,
  });
  return {
    getIdentity: (): NetworkIdentity => {
      const md = net.getMetadata();
      return {
        peerId: net.peerId.toString(),
        enr: net.enr(),
        p2pAddresses: net.localMultiaddrs().map(String),
        discoveryAddresses: [],
        metadata: {
          seqNumber: BigInt(md.seqNumber),
          attnets: toHex(md.attnets.uint8Array),
          syncnets: toHex(md.syncnets.uint8Array),
          custodyGroupCount: md.custodyGroupCount,
        },
      };
    },
    getPeers: ({states, directions}) =>
      net
        .getConnectedPeers()
        .map(peerOf)
        .filter((p) => (!states?.length || states.includes(p.state)) && (!directions?.length || directions.includes(p.direction))),
    getPeer: (peerId) => {
      const p = net.getConnectedPeers().find((x) => x.peerId === peerId);
      return p ? peerOf(p) : null;
    },
  };
}
