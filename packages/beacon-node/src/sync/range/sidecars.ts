// The data of a range-sync batch (deneb p2p-interface.md "BlobSidecarsByRange v1", fulu
// "DataColumnSidecarsByRange v1"): before a batch's blocks are imported, their blob sidecars (deneb,
// electra) or the node's sampling columns (fulu) are fetched for the same slots and handed to the
// availability cache, where the import finds and verifies them. Columns are asked of the peers that
// custody them. Only blocks within the retention window need data; a failure here is logged and left
// to the import, which then fails the batch (DATA_UNAVAILABLE) so that it is downloaded again.
import {ForkSeq} from "@hearth/params";
import type {ConnectedPeer} from "@hearth/network";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {deneb, fulu} from "@hearth/types";
import type {BeaconChain} from "../../chain/chain.js";
import {blobKzgCommitmentsOf} from "../../chain/dataAvailability/index.js";
import {errorMessage} from "../../chain/errors.js";
import type {ChainLogger} from "../../chain/interface.js";
import {PeerCustody} from "../../node/peerCustody.js";

export interface BatchSidecarNetwork {
  getConnectedPeers(): Pick<ConnectedPeer, "peerId" | "metadata" | "status">[];
  reqResp: {
    blobSidecarsByRange(peerId: string, req: {startSlot: number; count: number}): Promise<deneb.BlobSidecar[]>;
    dataColumnSidecarsByRange(peerId: string, req: {startSlot: number; count: number; columns: number[]}): Promise<fulu.DataColumnSidecar[]>;
  };
}

export interface BatchSidecarResult {
  blobs: number;
  columns: number;
  /** Sampling columns no connected peer custodies (the import will wait for them). */
  uncovered: number[];
}

const custodyByChain = new WeakMap<BeaconChain, PeerCustody>();

export async function fetchBatchSidecars(
  chain: BeaconChain,
  network: BatchSidecarNetwork,
  blocks: SignedBeaconBlockAllForks[],
  opts: {peerId: string; startSlot: number; count: number; logger: ChainLogger}
): Promise<BatchSidecarResult> {
  const out: BatchSidecarResult = {blobs: 0, columns: 0, uncovered: []};
  const da = chain.dataAvailability;
  const needing = blocks.filter((b) => {
    const fork = chain.forkAtSlot(b.message.slot);
    return ForkSeq[fork] >= ForkSeq.deneb && blobKzgCommitmentsOf(b).length > 0 && da.isWithinRetention(fork, b.message.slot);
  });
  if (needing.length === 0) return out;
  const {startSlot, count, peerId, logger} = opts;
  const isFulu = (b: SignedBeaconBlockAllForks): boolean => ForkSeq[chain.forkAtSlot(b.message.slot)] >= ForkSeq.fulu;

  if (needing.some((b) => !isFulu(b))) {
    try {
      const sidecars = await network.reqResp.blobSidecarsByRange(peerId, {startSlot, count});
      for (const s of sidecars) da.addBlobSidecar(s, {verified: false});
      out.blobs = sidecars.length;
    } catch (e) {
      logger.debug("Blob sidecars by range failed", {peer: peerId, startSlot, count, error: errorMessage(e)});
    }
  }

  if (needing.some(isFulu)) {
    let custody = custodyByChain.get(chain);
    if (custody === undefined) custodyByChain.set(chain, (custody = new PeerCustody(chain.config)));
    // The batch's peer first, so that it serves all it can.
    const peers = network.getConnectedPeers().filter((p) => p.status !== null);
    peers.sort((a, b) => (a.peerId === peerId ? -1 : b.peerId === peerId ? 1 : 0));
    const {byPeer, uncovered} = custody.assignOrAskUnknown(peers, da.custodyColumns.samplingColumns);
    out.uncovered = uncovered;
    if (uncovered.length > 0) logger.debug("Sampling columns no peer custodies", {startSlot, columns: uncovered.join(",")});
    await Promise.all(
      [...byPeer].map(async ([peer, columns]) => {
        try {
          const sidecars = await network.reqResp.dataColumnSidecarsByRange(peer, {startSlot, count, columns});
          for (const s of sidecars) da.addDataColumnSidecar(s, {verified: false});
          out.columns += sidecars.length;
        } catch (e) {
          logger.debug("Data columns by range failed", {peer, startSlot, count, error: errorMessage(e)});
        }
      })
    );
  }
  // At info when it fetched something: one line per batch that needed data (a batch is an epoch).
  const log = out.blobs + out.columns > 0 ? logger.info : logger.debug;
  log.call(logger, "Batch sidecars fetched", {startSlot, count, blocks: needing.length, blobs: out.blobs, columns: out.columns});
  return out;
}
