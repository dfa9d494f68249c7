// Missing data columns of blocks that wait for them (fulu p2p-interface.md
// "DataColumnSidecarsByRoot v1"): a block imported from gossip whose sampling columns did not all
// arrive on their subnets is completed by asking peers that custody the missing columns, by root.
// Gossip gets a head start (a third of a slot); engine_getBlobsV2 and reconstruction from >= 50% of
// the columns are tried by the import itself (chain/dataAvailability) each time a column lands.
import {ForkSeq} from "@hearth/params";
import {fromHex, toHex, type ChainConfig} from "@hearth/config";
import {PeerAction, type Network} from "@hearth/network";
import type {fulu} from "@hearth/types";
import type {BeaconChain} from "../chain/chain.js";
import {blobKzgCommitmentsOf, sidecarBlockRoot, verifyColumnSidecarsForBlock} from "../chain/dataAvailability/index.js";
import {errorMessage} from "../chain/errors.js";
import type {ChainLogger} from "../chain/interface.js";
import {PeerCustody} from "./peerCustody.js";

export interface ColumnFetcherOptions {
  /** How often waiting blocks are looked at (default a quarter of a slot). */
  intervalMs?: number;
  /** How long gossip may deliver a block's columns before they are requested (default a third of a slot). */
  gossipGraceMs?: number;
  /** A column is asked of the same peer again after this long (default one slot). */
  retryMs?: number;
}

/** What the fetcher did, for logs, metrics and tests. */
export interface ColumnFetcherStats {
  requests: number;
  columnsReceived: number;
  invalidResponses: number;
}

export class ColumnFetcher {
  private readonly firstSeenMs = new Map<string, number>();
  /** `${root}:${peer}` → when that peer was last asked for that block's columns. */
  private readonly asked = new Map<string, number>();
  /**
   * Peers with a request of ours in flight. One at a time per peer: a peer serves at most two
   * concurrent streams per protocol, and all waiting blocks go in one request anyway.
   */
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly custody: PeerCustody;
  readonly stats: ColumnFetcherStats = {requests: 0, columnsReceived: 0, invalidResponses: 0};
  private readonly intervalMs: number;
  private readonly graceMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly chain: BeaconChain,
    private readonly network: Pick<Network, "getConnectedPeers" | "reqResp" | "reportPeer">,
    private readonly logger: ChainLogger,
    opts: ColumnFetcherOptions = {}
  ) {
    const slotMs = (chain.config as ChainConfig).SLOT_DURATION_MS;
    this.custody = new PeerCustody(chain.config);
    this.intervalMs = opts.intervalMs ?? Math.max(100, Math.floor(slotMs / 4));
    this.graceMs = opts.gossipGraceMs ?? Math.floor(slotMs / 3);
    this.retryMs = opts.retryMs ?? slotMs;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the waiting blocks: asks each peer, in one request, for what is missing and due. */
  async tick(nowMs = Date.now()): Promise<void> {
    const da = this.chain.dataAvailability;
    const roots = da.pendingBlocks.roots();
    for (const root of this.firstSeenMs.keys()) if (!roots.includes(root)) this.firstSeenMs.delete(root);
    for (const [key] of this.asked) if (!roots.includes(key.slice(0, key.indexOf(":")))) this.asked.delete(key);
    const ready = this.network.getConnectedPeers().filter((p) => p.status !== null);
    /** peer → (root → columns) of this pass. */
    const plan = new Map<string, Map<string, number[]>>();
    for (const rootHex of roots) {
      const pending = da.pendingBlocks.get(rootHex);
      if (pending === undefined || pending.commitmentCount === 0) continue;
      if (ForkSeq[this.chain.forkAtSlot(pending.block.message.slot)] < ForkSeq.fulu) continue;
      const first = this.firstSeenMs.get(rootHex) ?? nowMs;
      this.firstSeenMs.set(rootHex, first);
      if (nowMs - first < this.graceMs) continue;
      const missing = da.missingColumns(rootHex);
      if (missing.length === 0) continue;
      const isDue = (p: {peerId: string}): boolean => !this.inFlight.has(p.peerId) && nowMs - (this.asked.get(`${rootHex}:${p.peerId}`) ?? -Infinity) >= this.retryMs;
      const due = ready.filter(isDue);
      if (due.length === 0) continue; // the peers were just asked: their answers are awaited
      const {byPeer, uncovered} = this.custody.assignOrAskUnknown(
        due,
        missing,
        ready.filter((p) => !isDue(p))
      );
      if (byPeer.size === 0) {
        this.logger.debug("No peer custodies the missing columns", {root: rootHex, missing: missing.length, peers: due.length});
        continue;
      }
      if (uncovered.length > 0) this.logger.debug("Missing columns no connected peer custodies", {root: rootHex, columns: uncovered.join(",")});
      for (const [peerId, columns] of byPeer) {
        this.asked.set(`${rootHex}:${peerId}`, nowMs);
        let forPeer = plan.get(peerId);
        if (forPeer === undefined) plan.set(peerId, (forPeer = new Map()));
        forPeer.set(rootHex, columns);
      }
    }
    await Promise.all([...plan].map(([peerId, wanted]) => this.request(peerId, wanted)));
  }

  private async request(peerId: string, wanted: Map<string, number[]>): Promise<void> {
    this.inFlight.add(peerId);
    this.stats.requests++;
    const ids = [...wanted].map(([rootHex, columns]) => ({blockRoot: fromHex(rootHex), columns}));
    let sidecars: fulu.DataColumnSidecar[];
    try {
      sidecars = await this.network.reqResp.dataColumnSidecarsByRoot(peerId, ids);
    } catch (e) {
      // ReqResp already scored the peer for transport errors and malformed answers.
      this.logger.debug("Data columns by root failed", {peer: peerId, blocks: ids.length, error: errorMessage(e)});
      return;
    } finally {
      this.inFlight.delete(peerId);
    }
    const byRoot = new Map<string, fulu.DataColumnSidecar[]>();
    let unrequested = 0;
    for (const s of sidecars) {
      const rootHex = toHex(sidecarBlockRoot(s));
      if (!wanted.get(rootHex)?.includes(s.index)) {
        unrequested++;
        continue;
      }
      byRoot.set(rootHex, [...(byRoot.get(rootHex) ?? []), s]);
    }
    if (unrequested > 0) this.network.reportPeer(peerId, PeerAction.LowToleranceError, "data columns by root: unrequested sidecars");
    for (const [rootHex, useful] of byRoot) this.accept(peerId, rootHex, wanted.get(rootHex) as number[], useful);
  }

  /** Verifies one block's columns against the waiting block, so that a bad answer is pinned on its peer, and hands them over. */
  private accept(peerId: string, rootHex: string, requested: number[], useful: fulu.DataColumnSidecar[]): void {
    const pending = this.chain.dataAvailability.pendingBlocks.get(rootHex);
    if (pending === undefined) return; // completed meanwhile
    try {
      verifyColumnSidecarsForBlock(this.chain.config, fromHex(rootHex), blobKzgCommitmentsOf(pending.block), useful);
    } catch (e) {
      this.stats.invalidResponses++;
      this.network.reportPeer(peerId, PeerAction.LowToleranceError, `data columns by root: ${errorMessage(e)}`);
      this.logger.warn("Invalid data columns from peer", {root: rootHex, peer: peerId, error: errorMessage(e)});
      return;
    }
    this.stats.columnsReceived += useful.length;
    this.logger.info("Data columns fetched by root", {root: rootHex, slot: pending.block.message.slot, peer: peerId, columns: useful.map((s) => s.index).join(","), requested: requested.length});
    for (const s of useful) this.chain.dataAvailability.addDataColumnSidecar(s, {verified: true});
  }
}
