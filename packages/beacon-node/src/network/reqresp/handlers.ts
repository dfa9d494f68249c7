// The node's req/resp handlers (ReqRespHandlers of @hearth/network), served from the chain and its
// DB: blocks by range from the canonical chain (archive below the finalized block, fork choice above),
// blocks by root from hot or archived blocks, blobs and data columns from the
// availability store (the custody columns of imported blocks), light-client data from the chain's
// light-client server.
import type {Type} from "@chainsafe/ssz";
import {fromHex, toHex, type BeaconConfig} from "@hearth/config";
import {isForkAtLeast, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import {sszTypesFor, type deneb, type fulu, type p2p} from "@hearth/types";
import {RespCode, ResponseError, type ReqRespHandlers, type ResponseChunk} from "@hearth/network";
import type {BeaconChain} from "../../chain/chain.js";
import type {ChainLogger} from "../../chain/interface.js";
import {signedBlockType} from "../../chain/anchor.js";
import {getCanonicalBlockAtSlot} from "../../chain/queries.js";
import {beaconConfigOf, getLocalStatus} from "./status.js";

export interface ReqRespHandlerOptions {
  /** Our MetaData (v3 fields; the network keeps attnets/syncnets/cgc and the seq number). */
  getMetadata(): p2p.MetaDataV3;
  /** Oldest slot whose block we hold (the checkpoint-sync anchor's slot; 0 with full history). */
  earliestAvailableSlot?: () => number;
  /** Called when a peer says goodbye (the peer manager drops it). */
  onGoodbye?(peerId: string, reason: number): void;
  logger: ChainLogger;
}

function lightClientChunk(kind: "LightClientBootstrap" | "LightClientUpdate" | "LightClientFinalityUpdate" | "LightClientOptimisticUpdate", fork: ForkName, data: unknown, slot: number): ResponseChunk {
  const type = (sszTypesFor(fork) as unknown as Record<string, Type<unknown>>)[kind];
  return {fork, slot, bytes: type.serialize(data)};
}

export function createReqRespHandlers(chain: BeaconChain, opts: ReqRespHandlerOptions): ReqRespHandlers {
  const config: BeaconConfig = beaconConfigOf(chain);
  const earliest = opts.earliestAvailableSlot ?? (() => 0);
  const logger = opts.logger;

  function blockChunk(slot: number, block: Parameters<ReturnType<typeof signedBlockType>["serialize"]>[0]): ResponseChunk {
    const fork = chain.forkAtSlot(slot);
    return {fork, slot, bytes: signedBlockType(fork).serialize(block)};
  }

  return {
    async onStatus(peerStatus, peerId) {
      logger.debug("Status from peer", {peerId, headSlot: peerStatus.headSlot, finalizedEpoch: peerStatus.finalizedEpoch});
      return getLocalStatus(chain, config, earliest());
    },

    async onGoodbye(reason, peerId) {
      logger.debug("Goodbye from peer", {peerId, reason});
      opts.onGoodbye?.(peerId, reason);
    },

    async onPing() {
      return opts.getMetadata().seqNumber;
    },

    async onMetadata() {
      return opts.getMetadata();
    },

    async *onBeaconBlocksByRange(req) {
      if (req.startSlot < earliest()) throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, `blocks before slot ${earliest()} are not held`);
      const end = Math.min(req.startSlot + req.count, chain.head.node.slot + 1);
      for (let slot = req.startSlot; slot < end; slot++) {
        const found = await getCanonicalBlockAtSlot(chain, slot);
        if (found !== null) yield blockChunk(slot, found.block);
      }
    },

    async *onBeaconBlocksByRoot(roots) {
      for (const root of roots) {
        const block = await chain.db.getBlock(root);
        if (block !== null) yield blockChunk(block.message.slot, block);
      }
    },

    async *onBlobSidecarsByRange(req) {
      const end = Math.min(req.startSlot + req.count, chain.head.node.slot + 1);
      for (let slot = req.startSlot; slot < end; slot++) {
        if (!isForkAtLeast(chain.forkAtSlot(slot), "deneb")) continue;
        const found = await getCanonicalBlockAtSlot(chain, slot);
        if (found === null) continue;
        const stored = await chain.dataAvailability.getBlobSidecars(fromHex(found.root));
        for (const sidecar of [...(stored ?? [])].sort((a, b) => a.index - b.index)) yield sidecarChunk(sidecar);
      }
    },

    async *onBlobSidecarsByRoot(ids) {
      for (const id of ids) {
        const stored = await chain.dataAvailability.getBlobSidecars(id.blockRoot);
        const sidecar = stored?.find((s) => s.index === id.index);
        if (sidecar !== undefined) yield sidecarChunk(sidecar);
      }
    },

    async *onDataColumnSidecarsByRange(req) {
      // data_column_serve_range starts at max(current_epoch - MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS, FULU_FORK_EPOCH):
      // inside it, a node without the data must say so rather than answer empty.
      const serveStart = Math.max(chain.clock.currentEpoch - chain.config.MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS, chain.config.FULU_FORK_EPOCH) * SLOTS_PER_EPOCH;
      const start = Math.max(req.startSlot, serveStart);
      if (start < earliest() && req.startSlot + req.count > start) {
        throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, `data columns before slot ${earliest()} are not held`);
      }
      const columns = [...req.columns].sort((a, b) => a - b);
      const end = Math.min(req.startSlot + req.count, chain.head.node.slot + 1);
      for (let slot = req.startSlot; slot < end; slot++) {
        if (!isForkAtLeast(chain.forkAtSlot(slot), "fulu")) continue;
        const found = await getCanonicalBlockAtSlot(chain, slot);
        if (found === null) continue;
        const sidecars = await chain.dataAvailability.getDataColumnSidecars(fromHex(found.root), columns);
        // (slot, column_index) order; only the columns asked for, whatever the store returns.
        for (const sidecar of [...sidecars].sort((a, b) => a.index - b.index)) {
          if (columns.includes(sidecar.index)) yield columnChunk(sidecar);
        }
      }
    },

    async *onDataColumnSidecarsByRoot(ids) {
      for (const id of ids) {
        if (id.columns.length === 0) continue;
        const sidecars = await chain.dataAvailability.getDataColumnSidecars(id.blockRoot, id.columns);
        for (const column of id.columns) {
          const sidecar = sidecars.find((s) => s.index === column);
          if (sidecar !== undefined) yield columnChunk(sidecar);
        }
      }
    },

    async onLightClientBootstrap(blockRoot) {
      const bootstrap = chain.lightClientServer.getBootstrap(toHex(blockRoot));
      if (bootstrap === null) throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, "no bootstrap for that block root");
      const data = bootstrap.data as {header: {beacon: {slot: number}}};
      return lightClientChunk("LightClientBootstrap", bootstrap.fork, bootstrap.data, data.header.beacon.slot);
    },

    async *onLightClientUpdatesByRange(req) {
      for (const update of chain.lightClientServer.getUpdates(req.startPeriod, req.count)) {
        const data = update.data as {attestedHeader: {beacon: {slot: number}}};
        yield lightClientChunk("LightClientUpdate", update.fork, update.data, data.attestedHeader.beacon.slot);
      }
    },

    async onLightClientFinalityUpdate() {
      const update = chain.lightClientServer.getFinalityUpdate();
      if (update === null) throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, "no finality update yet");
      const data = update.data as {attestedHeader: {beacon: {slot: number}}};
      return lightClientChunk("LightClientFinalityUpdate", update.fork, update.data, data.attestedHeader.beacon.slot);
    },

    async onLightClientOptimisticUpdate() {
      const update = chain.lightClientServer.getOptimisticUpdate();
      if (update === null) throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, "no optimistic update yet");
      const data = update.data as {attestedHeader: {beacon: {slot: number}}};
      return lightClientChunk("LightClientOptimisticUpdate", update.fork, update.data, data.attestedHeader.beacon.slot);
    },
  };

  function columnChunk(sidecar: fulu.DataColumnSidecar): ResponseChunk {
    const slot = sidecar.signedBlockHeader.message.slot;
    return {fork: chain.forkAtSlot(slot), slot, bytes: sszTypesFor("fulu").DataColumnSidecar.serialize(sidecar)};
  }

  function sidecarChunk(sidecar: deneb.BlobSidecar): ResponseChunk {
    const slot = sidecar.signedBlockHeader.message.slot;
    return {fork: chain.forkAtSlot(slot), slot, bytes: sszTypesFor("deneb").BlobSidecar.serialize(sidecar)};
  }
}
