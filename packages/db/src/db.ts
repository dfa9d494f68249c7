import {DbBatch} from "./batch.js";
import {DbCore} from "./core.js";
import {LevelKvStore} from "./kv/levelStore.js";
import {MemoryKvStore} from "./kv/memoryStore.js";
import type {KvStore} from "./kv/store.js";
import {BlockArchiveRepository} from "./repositories/blockArchive.js";
import {ChainInfoRepository} from "./repositories/chainInfo.js";
import {HotBlockRepository} from "./repositories/hotBlocks.js";
import {BlobSidecarsRepository, DataColumnSidecarRepository} from "./repositories/sidecars.js";
import {AnchorStateRepository, CheckpointStateRepository} from "./repositories/states.js";
import {checkSchemaVersion} from "./schema.js";

/** The logger shape the node passes in ({error, warn, info, debug}(msg, ctx?)). */
export interface DbLogger {
  error(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
}

const noopLogger: DbLogger = {error() {}, warn() {}, info() {}, debug() {}};

export interface DbOptions {
  /** Directory of the database, created when missing. */
  path: string;
  /** fsync every write: survives power loss as well as a crash, at the cost of write latency. */
  sync?: boolean;
  logger?: DbLogger;
}

/**
 * The beacon node's store: typed repositories over one key-value database, a schema version
 * checked at open, and atomic batches across repositories.
 */
export class Db {
  readonly hotBlocks: HotBlockRepository;
  readonly blockArchive: BlockArchiveRepository;
  readonly anchorStates: AnchorStateRepository;
  readonly checkpointStates: CheckpointStateRepository;
  readonly blobSidecars: BlobSidecarsRepository;
  readonly dataColumnSidecars: DataColumnSidecarRepository;
  readonly chainInfo: ChainInfoRepository;

  private constructor(
    private readonly core: DbCore,
    readonly schemaVersion: number,
    private readonly logger: DbLogger,
  ) {
    this.hotBlocks = new HotBlockRepository(core);
    this.blockArchive = new BlockArchiveRepository(core);
    this.anchorStates = new AnchorStateRepository(core);
    this.checkpointStates = new CheckpointStateRepository(core);
    this.blobSidecars = new BlobSidecarsRepository(core);
    this.dataColumnSidecars = new DataColumnSidecarRepository(core);
    this.chainInfo = new ChainInfoRepository(core);
  }

  /** Opens the classic-level database at `opts.path`. Throws a DbError (LOCKED, SCHEMA_NEWER, …). */
  static async open(opts: DbOptions): Promise<Db> {
    const logger = opts.logger ?? noopLogger;
    const kv = await LevelKvStore.open(opts.path, {sync: opts.sync});
    const db = await Db.openStore(kv, logger);
    logger.info("Database opened", {path: opts.path, schemaVersion: db.schemaVersion});
    return db;
  }

  /** A Db in memory, for tests: the same repositories and checks, nothing on disk. */
  static openInMemory(opts: {logger?: DbLogger; store?: KvStore} = {}): Promise<Db> {
    return Db.openStore(opts.store ?? new MemoryKvStore(), opts.logger ?? noopLogger);
  }

  /** A Db over any KvStore; the store is closed again when the schema check fails. */
  static async openStore(kv: KvStore, logger: DbLogger = noopLogger): Promise<Db> {
    const core = new DbCore(kv);
    try {
      return new Db(core, await checkSchemaVersion(core), logger);
    } catch (e) {
      await core.close();
      throw e;
    }
  }

  get isOpen(): boolean {
    return this.core.isOpen;
  }

  /** A new batch: queue ops with the repositories' batch* methods, then commit() them atomically. */
  batch(): DbBatch {
    this.core.assertOpen();
    return new DbBatch(this.core);
  }

  /**
   * Idempotent and safe from a signal handler: later calls return the same promise; writes already
   * begun finish first, later ones fail with CLOSED.
   */
  close(): Promise<void> {
    const wasOpen = this.core.isOpen;
    const closed = this.core.close();
    if (wasOpen) void closed.then(() => this.logger.info("Database closed"), () => undefined);
    return closed;
  }
}
