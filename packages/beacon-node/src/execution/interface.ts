// The execution engine as the chain sees it: the consensus specs' ExecutionEngine protocol
// (bellatrix beacon-chain.md "Execution engine", fork-choice.md notify_forkchoice_updated,
// validator.md get_payload) with the engine API's statuses.
import type {ForkName} from "@hearth/params";
import type {bellatrix, capella, deneb, electra} from "@hearth/types";

/** PayloadStatusV1.status (execution-apis paris.md). */
export enum ExecutionPayloadStatus {
  VALID = "VALID",
  INVALID = "INVALID",
  SYNCING = "SYNCING",
  ACCEPTED = "ACCEPTED",
  INVALID_BLOCK_HASH = "INVALID_BLOCK_HASH",
}

export interface PayloadStatus {
  status: ExecutionPayloadStatus;
  /** The most recent valid ancestor's hash when known; null otherwise. */
  latestValidHash: Uint8Array | null;
  validationError: string | null;
}

/** Any fork's ExecutionPayload value (electra and fulu reuse deneb's). */
export type ExecutionPayload = bellatrix.ExecutionPayload | capella.ExecutionPayload | deneb.ExecutionPayload;

/** PayloadAttributes (bellatrix fork-choice.md; capella adds withdrawals, deneb the parent beacon block root). */
export interface PayloadAttributes {
  timestamp: number;
  prevRandao: Uint8Array;
  suggestedFeeRecipient: Uint8Array;
  /** capella and later */
  withdrawals?: capella.Withdrawal[];
  /** deneb and later */
  parentBeaconBlockRoot?: Uint8Array;
}

/** The engine's 8-byte build process id, as 0x-hex. */
export type PayloadId = string;

export interface ForkchoiceUpdateResult {
  payloadStatus: PayloadStatus;
  payloadId: PayloadId | null;
}

/** BlobsBundle: V1 (deneb, electra) has one proof per blob, V2 (fulu) CELLS_PER_EXT_BLOB cell proofs per blob. */
export interface BlobsBundle {
  commitments: Uint8Array[];
  proofs: Uint8Array[];
  blobs: Uint8Array[];
}

/** GetPayloadResponse (bellatrix..electra validator.md). */
export interface GetPayloadResult {
  executionPayload: ExecutionPayload;
  /** Wei paid to the fee recipient; 0 from engine_getPayloadV1, which does not say. */
  blockValue: bigint;
  /** deneb and later */
  blobsBundle?: BlobsBundle;
  /** electra and later, decoded by get_execution_requests */
  executionRequests?: electra.ExecutionRequests;
  /** deneb and later */
  shouldOverrideBuilder?: boolean;
}

export interface BlobAndProofV1 {
  blob: Uint8Array;
  proof: Uint8Array;
}

export interface BlobAndProofV2 {
  blob: Uint8Array;
  proofs: Uint8Array[];
}

/**
 * engine_getBlobsV1 (deneb, electra) answers per blob, null where missing; engine_getBlobsV2 (fulu)
 * answers all or nothing.
 */
export type GetBlobsResult = {version: 1; blobs: (BlobAndProofV1 | null)[]} | {version: 2; blobs: BlobAndProofV2[] | null};

/**
 * Execution requests as the block body holds them, or already as get_execution_requests_list's
 * EIP-7685 byte list (what state-transition's NewPayloadRequestLike carries).
 */
export type ExecutionRequestsInput = electra.ExecutionRequests | Uint8Array[];

export interface IExecutionEngine {
  /**
   * notify_new_payload: engine_newPayloadV1..V4 by fork. `versionedHashes` and `parentBeaconBlockRoot`
   * from deneb, `executionRequests` from electra. Resolves with the engine's verdict; rejects with an
   * ExecutionEngineError only when no verdict was obtained (timeout, HTTP or JSON-RPC error).
   */
  notifyNewPayload(
    fork: ForkName,
    executionPayload: ExecutionPayload,
    versionedHashes?: Uint8Array[],
    parentBeaconBlockRoot?: Uint8Array,
    executionRequests?: ExecutionRequestsInput,
  ): Promise<PayloadStatus>;

  /**
   * notify_forkchoice_updated: engine_forkchoiceUpdatedV1..V3. `fork` is the fork of the payload to
   * build when `payloadAttributes` is given, else of the head.
   */
  notifyForkchoiceUpdate(
    fork: ForkName,
    headBlockHash: Uint8Array,
    safeBlockHash: Uint8Array,
    finalizedBlockHash: Uint8Array,
    payloadAttributes?: PayloadAttributes,
  ): Promise<ForkchoiceUpdateResult>;

  /** get_payload: engine_getPayloadV1..V5 by fork. */
  getPayload(fork: ForkName, payloadId: PayloadId): Promise<GetPayloadResult>;

  /** engine_getBlobsV1 (deneb, electra) or engine_getBlobsV2 (fulu). */
  getBlobs(fork: ForkName, versionedHashes: Uint8Array[]): Promise<GetBlobsResult>;

  /** engine_exchangeCapabilities: the engine's methods. */
  exchangeCapabilities(): Promise<string[]>;
}

/** The node's logger, structurally: pino-backed in the node, a no-op in tests. */
export interface ExecutionLogger {
  error(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
}

export const noopExecutionLogger: ExecutionLogger = {error() {}, warn() {}, info() {}, debug() {}};
