export {Db, type DbOptions, type DbLogger} from "./db.js";
export {DbBatch} from "./batch.js";
export {DbError, DbErrorCode, type DbErrorDetail} from "./errors.js";
export {CURRENT_SCHEMA_VERSION} from "./schema.js";
export {Bucket} from "./keys.js";
export type {KvStore, KvOp, KvRange} from "./kv/store.js";
export {MemoryKvStore} from "./kv/memoryStore.js";
export {HotBlockRepository} from "./repositories/hotBlocks.js";
export {BlockArchiveRepository, type SlotRange} from "./repositories/blockArchive.js";
export {AnchorStateRepository, CheckpointStateRepository, type CheckpointKey} from "./repositories/states.js";
export {BlobSidecarsRepository, DataColumnSidecarRepository, type DataColumnKey} from "./repositories/sidecars.js";
export {
  ChainInfoRepository,
  ChainInfoRecord,
  GenesisInfo,
  AnchorInfo,
  type Checkpoint,
} from "./repositories/chainInfo.js";
export type {NodeConfigRecord} from "./repositories/nodeConfig.js";
export type {
  Forked,
  ForkedBytes,
  ForkedSignedBeaconBlock,
  ForkedBeaconState,
  ForkedBlobSidecars,
  ForkedDataColumnSidecar,
  SignedBeaconBlockOf,
  BeaconStateViewOf,
  BlobSidecarFork,
  DataColumnSidecarFork,
} from "./types.js";
