// The engine API client: IExecutionEngine over JSON-RPC to an execution client's authenticated port.
import {ForkSeq, type ForkName} from "@hearth/params";
import {ExecutionEngineError, ExecutionEngineErrorCode} from "./errors.js";
import {asArray, bytesToData, malformed} from "./encoding.js";
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
import {JsonRpcHttpClient, withMethod, type JsonRpcHttpClientOptions} from "./jsonRpc.js";
import {
  DEFAULT_ENGINE_TIMEOUTS,
  EXCHANGE_CAPABILITIES,
  SUPPORTED_ENGINE_METHODS,
  forkchoiceUpdatedMethod,
  getBlobsMethod,
  getPayloadMethod,
  newPayloadMethod,
  type EngineTimeouts,
} from "./methods.js";
import {serializeExecutionPayload, serializePayloadAttributes} from "./payload.js";
import {executionRequestsToList, parseBlobsV1, parseBlobsV2, parseForkchoiceUpdateResult, parseGetPayloadResult, parsePayloadStatus} from "./response.js";

/** What the node last learned about the engine, for logs and the node's health. */
export enum ExecutionEngineState {
  /** No call made yet. */
  UNKNOWN = "UNKNOWN",
  ONLINE = "ONLINE",
  /** The engine answers but is still syncing. */
  SYNCING = "SYNCING",
  /** Unreachable or timing out. */
  OFFLINE = "OFFLINE",
  /** The engine refuses our JWT. */
  AUTH_FAILED = "AUTH_FAILED",
}

export interface ExecutionEngineHttpOptions extends JsonRpcHttpClientOptions {
  timeouts?: Partial<EngineTimeouts>;
  logger?: ExecutionLogger;
}

export class ExecutionEngineHttp implements IExecutionEngine {
  private readonly rpc: JsonRpcHttpClient;
  private readonly timeouts: EngineTimeouts;
  private readonly logger: ExecutionLogger;
  private state = ExecutionEngineState.UNKNOWN;

  constructor(opts: ExecutionEngineHttpOptions) {
    this.rpc = new JsonRpcHttpClient(opts);
    this.timeouts = {...DEFAULT_ENGINE_TIMEOUTS, ...opts.timeouts};
    this.logger = opts.logger ?? noopExecutionLogger;
  }

  getState(): ExecutionEngineState {
    return this.state;
  }

  async notifyNewPayload(
    fork: ForkName,
    executionPayload: ExecutionPayload,
    versionedHashes?: Uint8Array[],
    parentBeaconBlockRoot?: Uint8Array,
    executionRequests?: ExecutionRequestsInput,
  ): Promise<PayloadStatus> {
    const method = newPayloadMethod(fork);
    const seq = ForkSeq[fork];
    const params: unknown[] = [serializeExecutionPayload(fork, executionPayload)];
    if (seq >= ForkSeq.deneb) {
      if (!versionedHashes || !parentBeaconBlockRoot) throw missing(fork, method, "versionedHashes and parentBeaconBlockRoot");
      params.push(versionedHashes.map(bytesToData), bytesToData(parentBeaconBlockRoot));
    }
    if (seq >= ForkSeq.electra) {
      if (!executionRequests) throw missing(fork, method, "executionRequests");
      params.push(executionRequestsToList(executionRequests).map(bytesToData));
    }
    const result = await this.call(method, params, this.timeouts.newPayload);
    const status = parse(method, () => parsePayloadStatus(result, "result"));
    this.setState(status.status === ExecutionPayloadStatus.SYNCING ? ExecutionEngineState.SYNCING : ExecutionEngineState.ONLINE);
    return status;
  }

  async notifyForkchoiceUpdate(
    fork: ForkName,
    headBlockHash: Uint8Array,
    safeBlockHash: Uint8Array,
    finalizedBlockHash: Uint8Array,
    payloadAttributes?: PayloadAttributes,
  ): Promise<ForkchoiceUpdateResult> {
    const method = forkchoiceUpdatedMethod(fork);
    const forkchoiceState = {
      headBlockHash: bytesToData(headBlockHash),
      safeBlockHash: bytesToData(safeBlockHash),
      finalizedBlockHash: bytesToData(finalizedBlockHash),
    };
    const attributes = payloadAttributes ? serializePayloadAttributes(fork, payloadAttributes) : null;
    const result = await this.call(method, [forkchoiceState, attributes], this.timeouts.forkchoiceUpdated);
    const update = parse(method, () => parseForkchoiceUpdateResult(result));
    this.setState(update.payloadStatus.status === ExecutionPayloadStatus.SYNCING ? ExecutionEngineState.SYNCING : ExecutionEngineState.ONLINE);
    return update;
  }

  async getPayload(fork: ForkName, payloadId: PayloadId): Promise<GetPayloadResult> {
    const method = getPayloadMethod(fork);
    const result = await this.call(method, [payloadId], this.timeouts.getPayload);
    return parse(method, () => parseGetPayloadResult(fork, result));
  }

  async getBlobs(fork: ForkName, versionedHashes: Uint8Array[]): Promise<GetBlobsResult> {
    const method = getBlobsMethod(fork);
    const result = await this.call(method, [versionedHashes.map(bytesToData)], this.timeouts.getBlobs);
    return parse(method, () =>
      ForkSeq[fork] >= ForkSeq.fulu
        ? {version: 2, blobs: parseBlobsV2(result, versionedHashes.length)}
        : {version: 1, blobs: parseBlobsV1(result, versionedHashes.length)},
    );
  }

  async exchangeCapabilities(): Promise<string[]> {
    const result = await this.call(EXCHANGE_CAPABILITIES, [SUPPORTED_ENGINE_METHODS], this.timeouts.exchangeCapabilities);
    return parse(EXCHANGE_CAPABILITIES, () =>
      asArray(result, "result").map((m, i) => {
        if (typeof m !== "string") throw malformed(`result[${i}]`, "expected a method name");
        return m;
      }),
    );
  }

  private async call(method: string, params: unknown[], timeoutMs: number): Promise<unknown> {
    try {
      const result = await this.rpc.request(method, params, timeoutMs);
      if (this.state === ExecutionEngineState.OFFLINE || this.state === ExecutionEngineState.AUTH_FAILED) this.setState(ExecutionEngineState.ONLINE);
      return result;
    } catch (e) {
      if (e instanceof ExecutionEngineError) {
        if (e.code === ExecutionEngineErrorCode.UNREACHABLE || e.code === ExecutionEngineErrorCode.TIMEOUT) {
          this.setState(ExecutionEngineState.OFFLINE, e.message);
        } else if (e.code === ExecutionEngineErrorCode.HTTP_ERROR && (e.detail.status === 401 || e.detail.status === 403)) {
          this.setState(ExecutionEngineState.AUTH_FAILED, e.message);
        }
      }
      throw e;
    }
  }

  /** Logs transitions only, so a dead engine gives one warning rather than one per slot. */
  private setState(next: ExecutionEngineState, reason?: string): void {
    const prev = this.state;
    if (prev === next) return;
    this.state = next;
    const ctx = {url: this.rpc.url, prev, state: next, ...(reason ? {reason} : {})};
    if (next === ExecutionEngineState.OFFLINE || next === ExecutionEngineState.AUTH_FAILED) this.logger.warn("Execution engine unavailable", ctx);
    else if (next === ExecutionEngineState.SYNCING) this.logger.info("Execution engine is syncing", ctx);
    else this.logger.info("Execution engine online", ctx);
  }
}

function missing(fork: ForkName, method: string, what: string): ExecutionEngineError {
  return new ExecutionEngineError(ExecutionEngineErrorCode.INVALID_REQUEST, {method, fork, reason: `${method} needs ${what}`});
}

function parse<T>(method: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExecutionEngineError) throw withMethod(e, method);
    throw new ExecutionEngineError(ExecutionEngineErrorCode.MALFORMED_RESPONSE, {method, reason: (e as Error).message});
  }
}
