// The req/resp protocols Hearth speaks: `/eth2/beacon_chain/req/<name>/<version>/ssz_snappy`, each
// with its request type, whether success chunks carry ForkDigest context bytes (altair
// p2p-interface.md), and the SSZ type of a success chunk.
import type {Type} from "@chainsafe/ssz";
import {isForkAtLeast, type ForkName} from "@hearth/params";
import {p2p, sszTypesFor, deneb, fulu, ssz} from "@hearth/types";

export enum ReqRespMethod {
  Status = "status",
  Goodbye = "goodbye",
  Ping = "ping",
  Metadata = "metadata",
  BeaconBlocksByRange = "beacon_blocks_by_range",
  BeaconBlocksByRoot = "beacon_blocks_by_root",
  BlobSidecarsByRange = "blob_sidecars_by_range",
  BlobSidecarsByRoot = "blob_sidecars_by_root",
  DataColumnSidecarsByRange = "data_column_sidecars_by_range",
  DataColumnSidecarsByRoot = "data_column_sidecars_by_root",
  LightClientBootstrap = "light_client_bootstrap",
  LightClientUpdatesByRange = "light_client_updates_by_range",
  LightClientFinalityUpdate = "light_client_finality_update",
  LightClientOptimisticUpdate = "light_client_optimistic_update",
}

export const PROTOCOL_PREFIX = "/eth2/beacon_chain/req";
export const ENCODING = "ssz_snappy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Type<any>;

/** Raised (and mapped to a peer fault) when context bytes name a fork that has no such type. */
export class UnsupportedForkError extends Error {}

export interface Protocol {
  readonly method: ReqRespMethod;
  readonly version: number;
  /** The full protocol id negotiated with multistream-select. */
  readonly id: string;
  /** The SSZ type of the request, or null when the request has no body. */
  readonly requestType: AnyType | null;
  /** Success chunks start with 4 bytes of ForkDigest naming the fork of their SSZ type. */
  readonly contextBytes: boolean;
  /** The SSZ type of a success chunk at `fork` (ignored without context bytes). */
  responseType(fork: ForkName): AnyType;
  /** At most one success chunk. */
  readonly singleResponse: boolean;
}

export function protocolId(method: ReqRespMethod, version: number): string {
  return `${PROTOCOL_PREFIX}/${method}/${version}/${ENCODING}`;
}

function fixed(type: AnyType): (fork: ForkName) => AnyType {
  return () => type;
}

function blockType(fork: ForkName): AnyType {
  return sszTypesFor(fork).SignedBeaconBlock;
}

function blobSidecarType(fork: ForkName): AnyType {
  if (!isForkAtLeast(fork, "deneb")) throw new UnsupportedForkError(`no blob sidecars at ${fork}`);
  return deneb.BlobSidecar;
}

function dataColumnSidecarType(fork: ForkName): AnyType {
  if (!isForkAtLeast(fork, "fulu")) throw new UnsupportedForkError(`no data column sidecars at ${fork}`);
  return fulu.DataColumnSidecar;
}

type LightClientTypeName = "LightClientBootstrap" | "LightClientUpdate" | "LightClientFinalityUpdate" | "LightClientOptimisticUpdate";
function lightClientType(name: LightClientTypeName): (fork: ForkName) => AnyType {
  return (fork) => {
    const types = sszTypesFor(fork) as unknown as Partial<Record<LightClientTypeName, AnyType>>;
    const type = types[name];
    if (type === undefined) throw new UnsupportedForkError(`no ${name} at ${fork}`);
    return type;
  };
}

function protocol(
  method: ReqRespMethod,
  version: number,
  requestType: AnyType | null,
  contextBytes: boolean,
  responseType: (fork: ForkName) => AnyType,
  singleResponse: boolean
): Protocol {
  return {method, version, id: protocolId(method, version), requestType, contextBytes, responseType, singleResponse};
}

const M = ReqRespMethod;

/** Every protocol served and requested. Where two versions exist, the newer comes first (preferred when dialing). */
export const PROTOCOLS: readonly Protocol[] = [
  protocol(M.Status, 2, p2p.StatusV2, false, fixed(p2p.StatusV2), true),
  protocol(M.Status, 1, p2p.Status, false, fixed(p2p.Status), true),
  protocol(M.Goodbye, 1, p2p.Goodbye, false, fixed(p2p.Goodbye), true),
  protocol(M.Ping, 1, p2p.Ping, false, fixed(p2p.Ping), true),
  protocol(M.Metadata, 3, null, false, fixed(p2p.MetaDataV3), true),
  protocol(M.Metadata, 2, null, false, fixed(p2p.MetaDataV2), true),
  protocol(M.BeaconBlocksByRange, 2, p2p.BeaconBlocksByRangeRequest, true, blockType, false),
  protocol(M.BeaconBlocksByRoot, 2, p2p.BeaconBlocksByRootRequest, true, blockType, false),
  protocol(M.BlobSidecarsByRange, 1, p2p.BlobSidecarsByRangeRequest, true, blobSidecarType, false),
  protocol(M.BlobSidecarsByRoot, 1, p2p.BlobSidecarsByRootRequest, true, blobSidecarType, false),
  protocol(M.DataColumnSidecarsByRange, 1, p2p.DataColumnSidecarsByRangeRequest, true, dataColumnSidecarType, false),
  protocol(M.DataColumnSidecarsByRoot, 1, p2p.DataColumnSidecarsByRootRequest, true, dataColumnSidecarType, false),
  protocol(M.LightClientBootstrap, 1, ssz.Root, true, lightClientType("LightClientBootstrap"), true),
  protocol(M.LightClientUpdatesByRange, 1, p2p.LightClientUpdatesByRangeRequest, true, lightClientType("LightClientUpdate"), false),
  protocol(M.LightClientFinalityUpdate, 1, null, true, lightClientType("LightClientFinalityUpdate"), true),
  protocol(M.LightClientOptimisticUpdate, 1, null, true, lightClientType("LightClientOptimisticUpdate"), true),
];

const byId = new Map(PROTOCOLS.map((p) => [p.id, p]));

export function protocolById(id: string): Protocol | undefined {
  return byId.get(id);
}

/** The versions of `method`, newest first. */
export function protocolsOf(method: ReqRespMethod): Protocol[] {
  return PROTOCOLS.filter((p) => p.method === method);
}

/** ErrorMessage (phase0 p2p-interface.md): List[Byte, 256], sent as its raw bytes. */
export const ERROR_MESSAGE_MAX_BYTES = 256;
