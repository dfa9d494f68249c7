// What one inbound request may ask for (phase0/deneb/electra p2p-interface.md request limits):
// it is refused (INVALID_REQUEST) when malformed or over a hard limit, capped where the spec lets
// the responder serve fewer, and priced for the rate limiter in the items it asks for.
import {MAX_REQUEST_LIGHT_CLIENT_UPDATES, NUMBER_OF_COLUMNS, SLOTS_PER_EPOCH, isForkAtLeast} from "@hearth/params";
import type {BeaconConfig} from "@hearth/config";
import type {p2p} from "@hearth/types";
import {RespCode, ResponseError} from "./interface.js";
import {ReqRespMethod} from "./protocols.js";

export interface RequestPlan {
  /** The request to hand to the handler (counts capped). */
  request: unknown;
  /** At most this many success chunks are sent; the handler's iterator is cut there. */
  maxChunks: number;
  /** Tokens charged to the peer's bucket. */
  cost: number;
}

const epochOf = (slot: number): number => Math.floor(slot / SLOTS_PER_EPOCH);

/** MAX_REQUEST_BLOCKS, or MAX_REQUEST_BLOCKS_DENEB from deneb on. */
export function maxRequestBlocks(config: BeaconConfig, epoch: number): number {
  return isForkAtLeast(config.forkAtEpoch(epoch), "deneb") ? config.chain.MAX_REQUEST_BLOCKS_DENEB : config.chain.MAX_REQUEST_BLOCKS;
}

/** compute_max_request_blob_sidecars: MAX_REQUEST_BLOB_SIDECARS, the _ELECTRA value from electra on. */
export function maxRequestBlobSidecars(config: BeaconConfig, epoch: number): number {
  return isForkAtLeast(config.forkAtEpoch(epoch), "electra") ? config.chain.MAX_REQUEST_BLOB_SIDECARS_ELECTRA : config.chain.MAX_REQUEST_BLOB_SIDECARS;
}

/** fulu p2p-interface.md compute_max_request_data_column_sidecars */
export function computeMaxRequestDataColumnSidecars(config: BeaconConfig): number {
  return config.chain.MAX_REQUEST_BLOCKS_DENEB * NUMBER_OF_COLUMNS;
}

/** Column indices of a request: each < NUMBER_OF_COLUMNS, none twice (the response order is by index). */
function checkColumns(columns: readonly number[]): void {
  const seen = new Set<number>();
  for (const c of columns) {
    if (c >= NUMBER_OF_COLUMNS) invalid(`column ${c} >= ${NUMBER_OF_COLUMNS}`);
    if (seen.has(c)) invalid(`column ${c} requested twice`);
    seen.add(c);
  }
}

function invalid(message: string): never {
  throw new ResponseError(RespCode.INVALID_REQUEST, message);
}

export function planRequest(method: ReqRespMethod, request: unknown, config: BeaconConfig, currentEpoch: number): RequestPlan {
  switch (method) {
    case ReqRespMethod.BeaconBlocksByRange: {
      const req = request as p2p.BeaconBlocksByRangeRequest;
      if (req.count === 0) invalid("count is 0");
      if (req.step !== 1) invalid("step must be 1");
      const count = Math.min(req.count, maxRequestBlocks(config, epochOf(req.startSlot)));
      return {request: {...req, count}, maxChunks: count, cost: count};
    }
    case ReqRespMethod.BeaconBlocksByRoot: {
      const roots = request as p2p.BeaconBlocksByRootRequest;
      const max = maxRequestBlocks(config, currentEpoch);
      if (roots.length > max) invalid(`more than ${max} roots`);
      return {request: roots, maxChunks: roots.length, cost: Math.max(1, roots.length)};
    }
    case ReqRespMethod.BlobSidecarsByRange: {
      const req = request as p2p.BlobSidecarsByRangeRequest;
      if (req.count === 0) invalid("count is 0");
      const count = Math.min(req.count, config.chain.MAX_REQUEST_BLOCKS_DENEB);
      const maxChunks = Math.min(count * config.getMaxBlobsPerBlock(epochOf(req.startSlot)), maxRequestBlobSidecars(config, currentEpoch));
      return {request: {...req, count}, maxChunks, cost: Math.max(1, maxChunks)};
    }
    case ReqRespMethod.BlobSidecarsByRoot: {
      const ids = request as p2p.BlobSidecarsByRootRequest;
      const max = maxRequestBlobSidecars(config, currentEpoch);
      if (ids.length > max) invalid(`more than ${max} blob identifiers`);
      return {request: ids, maxChunks: ids.length, cost: Math.max(1, ids.length)};
    }
    case ReqRespMethod.DataColumnSidecarsByRange: {
      const req = request as p2p.DataColumnSidecarsByRangeRequest;
      if (req.count === 0) invalid("count is 0");
      checkColumns(req.columns);
      // The responder may serve fewer blocks; the response holds at most count * NUMBER_OF_COLUMNS
      // (here: count * the columns asked for) and never more than compute_max_request_data_column_sidecars.
      const count = Math.min(req.count, config.chain.MAX_REQUEST_BLOCKS_DENEB);
      const maxChunks = Math.min(count * req.columns.length, computeMaxRequestDataColumnSidecars(config));
      return {request: {...req, count}, maxChunks, cost: Math.max(1, maxChunks)};
    }
    case ReqRespMethod.DataColumnSidecarsByRoot: {
      const ids = request as p2p.DataColumnSidecarsByRootRequest;
      const max = computeMaxRequestDataColumnSidecars(config);
      let total = 0;
      for (const id of ids) {
        checkColumns(id.columns);
        total += id.columns.length;
      }
      if (total > max) invalid(`more than ${max} data column sidecars`);
      return {request: ids, maxChunks: total, cost: Math.max(1, total)};
    }
    case ReqRespMethod.LightClientUpdatesByRange: {
      const req = request as p2p.LightClientUpdatesByRangeRequest;
      if (req.count === 0) invalid("count is 0");
      const count = Math.min(req.count, MAX_REQUEST_LIGHT_CLIENT_UPDATES);
      return {request: {...req, count}, maxChunks: count, cost: count};
    }
    default:
      return {request, maxChunks: 1, cost: 1};
  }
}
