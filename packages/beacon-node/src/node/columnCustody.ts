// The node's PeerDAS duties on the network (fulu das-core.md "Custody", p2p-interface.md
// "data_column_sidecar_{subnet}"): custody drawn from the node id and advertised custody group count,
// the sampling columns' subnets joined, and the columns the node made itself (its own block's, the
// engine's, reconstructed ones) published. Deneb blob sidecars of the node's own blocks go out too.
import {computeSubnetForDataColumnSidecar, GossipType, type Network} from "@hearth/network";
import {ForkSeq, NUMBER_OF_CUSTODY_GROUPS} from "@hearth/params";
import type {BeaconConfig, ChainConfig} from "@hearth/config";
import {util} from "@hearth/state-transition";
import type {BeaconChain} from "../chain/chain.js";
import type {AvailableData} from "../chain/dataAvailability/index.js";
import {errorMessage} from "../chain/errors.js";
import {loadKzg} from "../chain/dataAvailability/kzg.js";
import type {ChainLogger} from "../chain/interface.js";
import {nodeIdFromPeerId} from "./nodeId.js";

/** The cgc a node advertises: every group for a supernode, CUSTODY_REQUIREMENT otherwise. */
export function advertisedCustodyGroupCount(config: ChainConfig, supernode: boolean): number {
  return supernode ? NUMBER_OF_CUSTODY_GROUPS : config.CUSTODY_REQUIREMENT;
}

/**
 * Loads the KZG trusted setup now when the chain has blobs (deneb is scheduled): it blocks the event
 * loop for seconds (tens of seconds on a busy machine), which at start-up costs nothing, whereas the
 * first sidecar to verify mid-chain would otherwise stall the node, its peers' pings and its duties.
 */
export function prepareKzg(config: ChainConfig, logger: ChainLogger): void {
  if (config.DENEB_FORK_EPOCH === Infinity) return;
  const started = Date.now();
  const precompute = loadKzg();
  logger.debug("KZG trusted setup loaded", {ms: Date.now() - started, precompute});
}

/**
 * Sets the chain's custody from the network's identity and joins the subnets of the sampling columns
 * (a superset of the custody columns).
 */
export function setupColumnCustody(chain: BeaconChain, network: Network, beaconConfig: BeaconConfig, opts: {supernode: boolean; logger: ChainLogger}): void {
  const nodeId = nodeIdFromPeerId(network.peerId);
  const custodyGroupCount = network.getMetadata().custodyGroupCount;
  chain.dataAvailability.setCustody({nodeId, supernode: opts.supernode, custodyGroupCount});
  const {custodyColumns, samplingColumns} = chain.dataAvailability.custodyColumns;
  const subnets = new Set(samplingColumns.map((c) => computeSubnetForDataColumnSidecar(beaconConfig, c)));
  network.gossip.subscribeColumnSubnets(subnets);
  opts.logger.info("Data column custody set", {
    nodeId: "0x" + nodeId.toString(16).padStart(64, "0"),
    supernode: opts.supernode,
    custodyGroupCount,
    custodyColumns: custodyColumns.length <= 16 ? custodyColumns.join(",") : custodyColumns.length,
    samplingColumns: samplingColumns.length <= 16 ? samplingColumns.join(",") : samplingColumns.length,
    subnets: subnets.size,
  });
}

/**
 * Publishes the sidecars the node made: all columns (or blob sidecars) of its own block; of columns
 * from the engine's blob pool or from reconstruction, those of the subnets it is subscribed to
 * (p2p-interface.md "Reconstruction and cross-seeding": a recovered column is sent as if received).
 */
export function publishOwnSidecars(chain: BeaconChain, network: Network, beaconConfig: BeaconConfig, logger: ChainLogger): void {
  chain.dataAvailability.onSidecarsAvailable((data: Exclude<AvailableData, {kind: "none"}>) => {
    if (data.origin === "network") return;
    if (data.kind === "blobs") {
      if (data.origin !== "local") return;
      for (const sidecar of data.sidecars) {
        const slot = sidecar.signedBlockHeader.message.slot;
        const electra = ForkSeq[data.fork] >= ForkSeq.electra;
        const subnet = sidecar.index % (electra ? chain.config.BLOB_SIDECAR_SUBNET_COUNT_ELECTRA : chain.config.BLOB_SIDECAR_SUBNET_COUNT);
        send(logger, "blob_sidecar", () => network.gossip.publishAtEpoch(GossipType.blob_sidecar, util.computeEpochAtSlot(slot), sidecar as never, subnet));
      }
      return;
    }
    const subscribed = new Set(network.gossip.getColumnSubnets());
    const toSend = data.origin === "local" ? data.built : data.built.filter((s) => subscribed.has(computeSubnetForDataColumnSidecar(beaconConfig, s.index)));
    if (toSend.length === 0) return;
    const epoch = util.computeEpochAtSlot(toSend[0].signedBlockHeader.message.slot);
    logger.debug("Publishing data columns", {origin: data.origin, columns: toSend.length, slot: toSend[0].signedBlockHeader.message.slot});
    for (const sidecar of toSend) {
      const subnet = computeSubnetForDataColumnSidecar(beaconConfig, sidecar.index);
      send(logger, "data_column_sidecar", () => network.gossip.publishAtEpoch(GossipType.data_column_sidecar, epoch, sidecar as never, subnet));
    }
  });
}

/** Publishing never fails the import: a message nobody hears (no peers on the subnet) is logged. */
function send(logger: ChainLogger, what: string, p: () => Promise<number>): void {
  p().then(
    () => undefined,
    (e) => logger.debug("Gossip publish failed", {what, error: errorMessage(e)})
  );
}
