// The beacon node: one process wiring the DB, the chain, the execution engine, the Beacon API and
// metrics, with a clean shutdown. Every source of blocks goes through chain.processBlock.
import path from "node:path";
import {mkdirSync} from "node:fs";
import {ACTIVE_PRESET} from "@hearth/params";
import {fromHex, toHex, type ChainConfig} from "@hearth/config";
import {Db, type NodeConfigRecord} from "@hearth/db";
import {BlsWorkerPool} from "@hearth/bls";
import type {CachedBeaconState} from "@hearth/state-transition";
import type {CheckpointAnchor} from "../sync/index.js";
import {createBeaconApiServer, type BeaconApiServer} from "@hearth/api";
import {BeaconChain, ChainDbAdapter, ChainEvent, type ChainExecutionEngine, type StoredState} from "../chain/index.js";
import {createBeaconApiImpl} from "../api/index.js";
import {createBeaconMetrics, instrumentBlsVerifier, startMetricsServer, trackBlockImport, type BeaconMetrics, type MetricsServer} from "../metrics/index.js";
import type {Logger} from "../logger/index.js";
import {NodeError, NodeErrorCode} from "./errors.js";
import {trackChainMetrics, startStatusLog} from "./status.js";
import {startNodeNetwork, type NodeNetwork, type NodeNetworkOptions} from "./nodeNetwork.js";
import {apiChainWithNetwork} from "./apiChain.js";
import {addStatusPage} from "../statusPage/index.js";

export interface BeaconNodeOptions {
  config: ChainConfig;
  dataDir: string;
  logger: Logger;
  executionEngine: ChainExecutionEngine | null;
  /** What this node's DB must have been made with; a mismatch refuses to start. */
  nodeConfig: NodeConfigRecord;
  /**
   * Builds the anchor when the DB is empty: genesis for dev, a checkpoint (state, and its block when
   * the source had it) for checkpoint sync.
   */
  createAnchor: () => CachedBeaconState | CheckpointAnchor | Promise<CachedBeaconState | CheckpointAnchor>;
  /** Join the p2p network (libp2p, gossip, req/resp, range sync); none when absent. */
  network?: NodeNetworkOptions | null;
  /** Runs before the chain resumes from the DB, with the state it resumes from (e.g. to prime a mock engine). */
  beforeResume?: (anchor: StoredState) => void | Promise<void>;
  api?: {enabled?: boolean; host?: string; port?: number};
  metrics?: {enabled?: boolean; host?: string; port?: number};
  version?: string;
}

export class BeaconNode {
  private closing: Promise<void> | null = null;

  private constructor(
    readonly chain: BeaconChain,
    readonly db: Db,
    readonly metrics: BeaconMetrics,
    private readonly logger: Logger,
    private readonly apiServer: BeaconApiServer | null,
    readonly apiUrl: string | null,
    private readonly metricsServer: MetricsServer | null,
    private readonly stopStatusLog: () => void,
    private readonly blsPool: BlsWorkerPool,
    /** The node's p2p side, when it has one. */
    readonly network: NodeNetwork | null
  ) {}

  static async init(opts: BeaconNodeOptions): Promise<BeaconNode> {
    const {logger, config} = opts;
    mkdirSync(opts.dataDir, {recursive: true});
    const db = await Db.open({path: path.join(opts.dataDir, "chain-db"), logger: logger.child("db")});
    const closeOnError: (() => Promise<void>)[] = [];
    try {
      const chainDb = new ChainDbAdapter(db, config);
      const stored = await db.chainInfo.nodeConfig.get();
      const blsPool = new BlsWorkerPool();
      closeOnError.push(() => blsPool.close());
      const metrics = createBeaconMetrics();
      const blsVerifier = instrumentBlsVerifier(blsPool, metrics.registry, blsPool.size);
      const chainOpts = {config, db: chainDb, executionEngine: opts.executionEngine, logger: logger.child("chain"), blsVerifier};
      let chain: BeaconChain;
      if (stored === null) {
        logger.info("Empty database: creating the chain's anchor", {dataDir: opts.dataDir});
        const anchor = await opts.createAnchor();
        const anchorState = "epochCtx" in anchor ? anchor : anchor.state;
        chain = await BeaconChain.initFromAnchor(chainOpts, anchorState);
        // The checkpoint's block is finalized history: archived, so peers and the API can fetch it.
        if (!("epochCtx" in anchor) && anchor.block !== null) {
          await chainDb.archiveBlocks([{root: fromHex(chain.anchorRoot), block: anchor.block}]);
        }
        await db.chainInfo.nodeConfig.put(opts.nodeConfig);
      } else {
        assertSameNode(stored, opts.nodeConfig, opts.dataDir);
        if (opts.beforeResume) {
          const finalized = await chainDb.getFinalized();
          const anchor = (finalized !== null ? await chainDb.getCheckpointState(finalized) : null) ?? (await chainDb.getAnchor())?.state;
          if (anchor) await opts.beforeResume(anchor);
        }
        chain = await BeaconChain.initFromDb(chainOpts);
        logger.info("Resumed from the database", {head: chain.head.node.slot, root: chain.head.node.blockRoot});
      }

      trackChainMetrics(chain, metrics);
      trackBlockImport(chain, metrics);
      const stopStatusLog = startStatusLog(chain, logger.child("node"));

      let nodeNetwork: NodeNetwork | null = null;
      if (opts.network) {
        nodeNetwork = await startNodeNetwork(chain, {...opts.network, dataDir: opts.dataDir, logger: logger.child("p2p"), metrics});
        closeOnError.push(() => nodeNetwork!.close());
      }

      let apiServer: BeaconApiServer | null = null;
      let apiUrl: string | null = null;
      if (opts.api?.enabled ?? true) {
        const apiChain = nodeNetwork === null ? chain : apiChainWithNetwork(chain, {publisher: nodeNetwork.publisher, isSyncing: () => nodeNetwork.sync.getSyncState().state !== "synced"});
        const implementation = createBeaconApiImpl({
          chain: apiChain,
          config,
          logger: logger.child("api"),
          version: opts.version ?? "dev",
          network: nodeNetwork?.api,
          peerId: nodeNetwork?.network.peerId.toString(),
        });
        apiServer = createBeaconApiServer({implementation, logger: logger.child("rest"), host: opts.api?.host ?? "127.0.0.1", port: opts.api?.port ?? 9596});
        addStatusPage(apiServer.app);
        // the server logs its own "Beacon API listening"
        apiUrl = (await apiServer.listen()).url;
      }
      let metricsServer: MetricsServer | null = null;
      if (opts.metrics?.enabled ?? true) {
        metricsServer = await startMetricsServer(metrics.registry, {host: opts.metrics?.host, port: opts.metrics?.port});
        logger.info("Metrics listening", {url: `http://${opts.metrics?.host ?? "127.0.0.1"}:${metricsServer.port}/metrics`});
      }
      chain.start();
      return new BeaconNode(chain, db, metrics, logger, apiServer, apiUrl, metricsServer, stopStatusLog, blsPool, nodeNetwork);
    } catch (e) {
      for (const close of closeOnError) await close();
      await db.close();
      throw e;
    }
  }

  /** Stops the clock, the servers and the chain, then closes the DB. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopStatusLog();
      await this.network?.close();
      await this.apiServer?.close();
      await this.metricsServer?.close();
      await this.chain.stop();
      await this.blsPool.close();
      await this.db.close();
      this.logger.info("Beacon node stopped");
    })();
    return this.closing;
  }
}

function assertSameNode(stored: NodeConfigRecord, wanted: NodeConfigRecord, dataDir: string): void {
  const mismatch = (Object.keys(wanted) as (keyof NodeConfigRecord)[]).find((k) => wanted[k] !== undefined && stored[k] !== wanted[k]);
  if (mismatch !== undefined) {
    throw new NodeError(NodeErrorCode.DB_MISMATCH, {
      dataDir,
      field: mismatch,
      stored: String(stored[mismatch]),
      wanted: String(wanted[mismatch]),
    });
  }
}

/** The record a node writes into a new DB. */
export function nodeConfigRecord(config: ChainConfig, extra: Partial<NodeConfigRecord> = {}): NodeConfigRecord {
  return {configName: config.CONFIG_NAME, preset: ACTIVE_PRESET, genesisForkVersion: toHex(config.GENESIS_FORK_VERSION), ...extra};
}

export {ChainEvent};
