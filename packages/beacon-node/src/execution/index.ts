// The execution layer of the beacon node: the engine API client and the built-in mock engine.
export * from "./interface.js";
export {ExecutionEngineError, ExecutionEngineErrorCode, ENGINE_RPC_ERROR, isExecutionEngineError, type ExecutionEngineErrorDetail} from "./errors.js";
export {ExecutionEngineHttp, ExecutionEngineState, type ExecutionEngineHttpOptions} from "./http.js";
export {ExecutionEngineMock, type ExecutionEngineMockOptions, type MockBlock} from "./mock.js";
export {
  DEFAULT_MOCK_GENESIS_BLOCK_HASH,
  MOCK_BASE_FEE_PER_GAS,
  MOCK_GAS_LIMIT,
  createGenesisExecutionPayloadHeader,
  executionPayloadType,
  executionPayloadHeaderType,
  type ExecutionPayloadHeader,
} from "./mockPayload.js";
export {createJwtToken, verifyJwtToken, parseJwtSecret, readJwtSecret, JWT_SECRET_LENGTH, type JwtClaims} from "./jwt.js";
export {DEFAULT_ENGINE_TIMEOUTS, SUPPORTED_ENGINE_METHODS, type EngineTimeouts} from "./methods.js";
export {getExecutionRequests} from "./response.js";
export {getMockBlob, mockBlobBytes, blobVersionedHashesOf, type MockBlob} from "./mockBlobs.js";
