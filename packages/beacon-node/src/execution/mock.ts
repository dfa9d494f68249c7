// The in-process execution engine of `hearth dev`: no EVM, no transactions. It keeps a tree of known
// payloads, judges new ones by their parent, tracks forkchoice, and builds empty payloads on request,
// answering as an engine following execution-apis paris.md .. osaka.md would.
import {ForkSeq, type ForkName} from "@hearth/params";
import {ENGINE_RPC_ERROR, ExecutionEngineError, ExecutionEngineErrorCode} from "./errors.js";
import {bytesToData} from "./encoding.js";
import {
  ExecutionPayloadStatus,
  noopExecutionLogger,
  type ExecutionLogger,
  type ExecutionPayload,
  type ExecutionRequestsInput,
  type ForkchoiceUpdateResult,
  type GetBlobsResult,
  type GetPayloadResult,
  type IExecutionEngine,
  type PayloadAttributes,
  type PayloadId,
  type PayloadStatus,
} from "./interface.js";
import {SUPPORTED_ENGINE_METHODS, forkchoiceUpdatedMethod, getPayloadMethod} from "./methods.js";
import {DEFAULT_MOCK_GENESIS_BLOCK_HASH, buildMockPayload, executionPayloadType} from "./mockPayload.js";
import {blobVersionedHashesOf, getMockBlob, mockBlobTransaction, randomBlobSeed, type MockBlob} from "./mockBlobs.js";

/** What the mock knows of a block: enough to link, number and order payloads. */
export interface MockBlock {
  blockHash: Uint8Array;
  parentHash: Uint8Array;
  blockNumber: number;
  timestamp: number;
}

export interface ExecutionEngineMockOptions {
  /** The hash of block 0; the dev chain puts it in the genesis state's latest execution payload header. */
  genesisBlockHash?: Uint8Array;
  /** Block 0's timestamp: the chain's genesis time. */
  genesisTimestamp?: number;
  logger?: ExecutionLogger;
  /** Blobs in every deneb+ payload (`hearth dev --blobsPerBlock`), with real KZG commitments and proofs; default 0. */
  blobsPerBlock?: number;
  /** Draws this mock's blobs; a random seed by default, so two nodes never share blobs. */
  blobSeed?: string;
  /** Answer engine_getBlobs from the blobs this mock built (default true). */
  serveBlobs?: boolean;
}

/** EIP-4844 GAS_PER_BLOB */
const GAS_PER_BLOB = 2 ** 17;

/** Built payloads kept for getPayload; a proposer asks within the slot, so a few suffice. */
const MAX_PREPARED_PAYLOADS = 32;
const ZERO_HASH = bytesToData(new Uint8Array(32));

export class ExecutionEngineMock implements IExecutionEngine {
  private readonly blocks = new Map<string, MockBlock>();
  private readonly prepared = new Map<PayloadId, {fork: ForkName; payload: ExecutionPayload; blobs: MockBlob[]}>();
  /** The blob pool: blobs of payloads this mock built, by versioned hash (engine_getBlobs answers from it). */
  private readonly blobPool = new Map<string, MockBlob>();
  private readonly blobsPerBlock: number;
  private readonly blobSeed: string;
  private readonly serveBlobs: boolean;
  private readonly invalid = new Map<string, string>();
  private readonly logger: ExecutionLogger;
  private genesisHash!: Uint8Array;
  headBlockHash!: Uint8Array;
  safeBlockHash: Uint8Array = new Uint8Array(32);
  finalizedBlockHash: Uint8Array = new Uint8Array(32);

  constructor(opts: ExecutionEngineMockOptions = {}) {
    this.logger = opts.logger ?? noopExecutionLogger;
    this.blobsPerBlock = opts.blobsPerBlock ?? 0;
    this.blobSeed = opts.blobSeed ?? randomBlobSeed();
    this.serveBlobs = opts.serveBlobs ?? true;
    this.setGenesisBlock(opts.genesisBlockHash ?? DEFAULT_MOCK_GENESIS_BLOCK_HASH, opts.genesisTimestamp ?? 0);
  }

  get genesisBlockHash(): Uint8Array {
    return this.genesisHash;
  }

  /** Starts over from a genesis block 0 with this hash: every other known block and build is dropped. */
  setGenesisBlock(blockHash: Uint8Array, timestamp = 0): void {
    this.blocks.clear();
    this.prepared.clear();
    this.genesisHash = blockHash;
    this.addKnownBlock({blockHash, parentHash: new Uint8Array(32), blockNumber: 0, timestamp});
    this.headBlockHash = blockHash;
  }

  /**
   * Makes a block known without a newPayload, e.g. the head payload of a dev chain restarted from its
   * database (an ExecutionPayloadHeader fits).
   */
  addKnownBlock(block: MockBlock): void {
    const {blockHash, parentHash, blockNumber, timestamp} = block;
    this.blocks.set(bytesToData(blockHash), {blockHash, parentHash, blockNumber, timestamp});
  }

  getKnownBlock(blockHash: Uint8Array): MockBlock | undefined {
    return this.blocks.get(bytesToData(blockHash));
  }

  /** Makes newPayload judge this payload INVALID: lets tests drive the chain's invalid-payload path. */
  markInvalid(blockHash: Uint8Array, validationError = "marked invalid by the mock"): void {
    this.invalid.set(bytesToData(blockHash), validationError);
  }

  async notifyNewPayload(
    fork: ForkName,
    payload: ExecutionPayload,
    versionedHashes?: Uint8Array[],
    _parentBeaconBlockRoot?: Uint8Array,
    _executionRequests?: ExecutionRequestsInput,
  ): Promise<PayloadStatus> {
    const hash = bytesToData(payload.blockHash);
    const parent = this.blocks.get(bytesToData(payload.parentHash));
    const invalid = (validationError: string, latestValidHash: Uint8Array | null = parent?.blockHash ?? null): PayloadStatus => {
      this.logger.debug("Mock engine: payload INVALID", {fork, blockHash: hash, validationError});
      return {status: ExecutionPayloadStatus.INVALID, latestValidHash, validationError};
    };

    const marked = this.invalid.get(hash);
    if (marked !== undefined) return invalid(marked);
    if (payload.transactions.some((tx) => tx.length === 0)) return invalid("empty transaction", null);
    // engine_newPayloadV3: the versioned hashes must be those of the payload's blob transactions, in order.
    if (ForkSeq[fork] >= ForkSeq.deneb) {
      const expected = blobVersionedHashesOf(payload.transactions).map(bytesToData);
      const given = (versionedHashes ?? []).map(bytesToData);
      if (expected.length !== given.length || expected.some((h, i) => h !== given[i])) {
        return invalid(`versioned hashes [${given.join(",")}] do not match the payload's blob transactions [${expected.join(",")}]`, null);
      }
    }
    if (!parent) return {status: ExecutionPayloadStatus.SYNCING, latestValidHash: null, validationError: null};
    if (payload.blockNumber !== parent.blockNumber + 1) return invalid(`block number ${payload.blockNumber} after parent ${parent.blockNumber}`);
    if (payload.timestamp <= parent.timestamp) return invalid(`timestamp ${payload.timestamp} not after parent's ${parent.timestamp}`);

    this.addKnownBlock(payload);
    return {status: ExecutionPayloadStatus.VALID, latestValidHash: payload.blockHash, validationError: null};
  }

  async notifyForkchoiceUpdate(
    fork: ForkName,
    headBlockHash: Uint8Array,
    safeBlockHash: Uint8Array,
    finalizedBlockHash: Uint8Array,
    payloadAttributes?: PayloadAttributes,
  ): Promise<ForkchoiceUpdateResult> {
    const method = forkchoiceUpdatedMethod(fork);
    const head = this.blocks.get(bytesToData(headBlockHash));
    if (!head) return {payloadStatus: {status: ExecutionPayloadStatus.SYNCING, latestValidHash: null, validationError: null}, payloadId: null};
    for (const [name, hash] of [["safe", safeBlockHash], ["finalized", finalizedBlockHash]] as const) {
      if (bytesToData(hash) !== ZERO_HASH && this.blocks.has(bytesToData(hash)) && !this.isAncestorOrSelf(hash, head)) {
        throw rpcError(method, ENGINE_RPC_ERROR.INVALID_FORKCHOICE_STATE, `${name} block ${bytesToData(hash)} is not an ancestor of the head`);
      }
    }
    this.headBlockHash = headBlockHash;
    this.safeBlockHash = safeBlockHash;
    this.finalizedBlockHash = finalizedBlockHash;
    this.pruneBelowFinalized();

    const payloadStatus = {status: ExecutionPayloadStatus.VALID, latestValidHash: headBlockHash, validationError: null};
    if (!payloadAttributes) return {payloadStatus, payloadId: null};
    // The forkchoice update stands even when the attributes are refused (paris.md forkchoiceUpdated 8.3).
    if (payloadAttributes.timestamp <= head.timestamp) {
      throw rpcError(method, ENGINE_RPC_ERROR.INVALID_PAYLOAD_ATTRIBUTES, `timestamp ${payloadAttributes.timestamp} not after the head's ${head.timestamp}`);
    }
    if (ForkSeq[fork] >= ForkSeq.capella && !payloadAttributes.withdrawals) {
      throw rpcError(method, ENGINE_RPC_ERROR.INVALID_PAYLOAD_ATTRIBUTES, `${fork} attributes need withdrawals`);
    }
    if (ForkSeq[fork] >= ForkSeq.deneb && !payloadAttributes.parentBeaconBlockRoot) {
      throw rpcError(method, ENGINE_RPC_ERROR.INVALID_PAYLOAD_ATTRIBUTES, `${fork} attributes need parentBeaconBlockRoot`);
    }
    const blobs = ForkSeq[fork] >= ForkSeq.deneb ? this.prepareBlobs() : [];
    const payload = buildMockPayload(fork, head, payloadAttributes, {
      transactions: blobs.map((b) => mockBlobTransaction(b.versionedHash)),
      blobGasUsed: blobs.length * GAS_PER_BLOB,
    });
    // Equal attributes on an equal head build an equal payload, hence the same id: no restarted build.
    const payloadId = bytesToData(payload.blockHash.subarray(0, 8));
    this.prepared.delete(payloadId);
    this.prepared.set(payloadId, {fork, payload, blobs});
    if (this.prepared.size > MAX_PREPARED_PAYLOADS) this.prepared.delete(this.prepared.keys().next().value as PayloadId);
    this.logger.debug("Mock engine: payload prepared", {fork, payloadId, blockNumber: payload.blockNumber});
    return {payloadStatus, payloadId};
  }

  async getPayload(fork: ForkName, payloadId: PayloadId): Promise<GetPayloadResult> {
    const method = getPayloadMethod(fork);
    const build = this.prepared.get(payloadId.toLowerCase());
    if (!build) throw rpcError(method, ENGINE_RPC_ERROR.UNKNOWN_PAYLOAD, `unknown payload id ${payloadId}`);
    if (build.fork !== fork) throw rpcError(method, ENGINE_RPC_ERROR.UNSUPPORTED_FORK, `payload ${payloadId} was built for ${build.fork}`);
    const seq = ForkSeq[fork];
    const result: GetPayloadResult = {executionPayload: executionPayloadType(fork).clone(build.payload), blockValue: 0n};
    if (seq >= ForkSeq.deneb) {
      // BlobsBundleV1 (deneb, electra) has a proof per blob, V2 (fulu) every cell proof of every blob.
      result.blobsBundle = {
        commitments: build.blobs.map((b) => b.commitment),
        proofs: build.blobs.flatMap((b) => (seq >= ForkSeq.fulu ? b.cellProofs() : [b.blobProof()])),
        blobs: build.blobs.map((b) => b.blob),
      };
      for (const b of build.blobs) this.blobPool.set(bytesToData(b.versionedHash), b);
      result.shouldOverrideBuilder = false;
    }
    if (seq >= ForkSeq.electra) result.executionRequests = {deposits: [], withdrawals: [], consolidations: []};
    return result;
  }

  /**
   * engine_getBlobsV1 (per blob, null where unknown) or V2 (all or nothing, with cell proofs) from the
   * blobs of payloads this mock handed out.
   */
  async getBlobs(fork: ForkName, versionedHashes: Uint8Array[]): Promise<GetBlobsResult> {
    const found = versionedHashes.map((h) => (this.serveBlobs ? this.blobPool.get(bytesToData(h)) : undefined) ?? null);
    if (ForkSeq[fork] >= ForkSeq.fulu) {
      return {version: 2, blobs: found.some((b) => b === null) ? null : (found as MockBlob[]).map((b) => ({blob: b.blob, proofs: b.cellProofs()}))};
    }
    return {version: 1, blobs: found.map((b) => (b === null ? null : {blob: b.blob, proof: b.blobProof()}))};
  }

  /**
   * This mock's blobs, with commitments computed (and the fork's proofs on first getPayload). Call it
   * at startup to pay the KZG work before the first proposal rather than during it.
   */
  prepareBlobs(): MockBlob[] {
    return Array.from({length: this.blobsPerBlock}, (_, i) => getMockBlob(this.blobSeed, i));
  }

  async exchangeCapabilities(): Promise<string[]> {
    return [...SUPPORTED_ENGINE_METHODS];
  }

  private isAncestorOrSelf(hash: Uint8Array, from: MockBlock): boolean {
    const target = bytesToData(hash);
    for (let b: MockBlock | undefined = from; b; b = this.blocks.get(bytesToData(b.parentHash))) {
      if (bytesToData(b.blockHash) === target) return true;
    }
    return false;
  }

  /** Blocks below the finalized number can no longer be built on: dropping them bounds the mock's memory. */
  private pruneBelowFinalized(): void {
    const finalized = this.blocks.get(bytesToData(this.finalizedBlockHash));
    if (!finalized) return;
    for (const [key, block] of this.blocks) {
      if (block.blockNumber < finalized.blockNumber) this.blocks.delete(key);
    }
  }
}

function rpcError(method: string, rpcCode: number, reason: string): ExecutionEngineError {
  return new ExecutionEngineError(ExecutionEngineErrorCode.RPC_ERROR, {method, rpcCode, reason});
}
