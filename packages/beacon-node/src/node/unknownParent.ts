// A gossip block whose parent we have not seen (gossip says IGNORE) is not simply dropped: its
// ancestors are fetched by root (phase0 p2p-interface.md "BeaconBlocksByRoot") from the peer that
// sent it, walking back until a known block, then imported oldest first with the block itself. A
// short gap (a missed block, a late join) then heals at once instead of at the next range-sync round.
import {toHex, fromHex} from "@hearth/config";
import {PeerAction, type Network} from "@hearth/network";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {BeaconChain} from "../chain/chain.js";
import {computeBlockRoot} from "../chain/blocks/verifyBlock.js";
import {BlockError, BlockErrorCode, errorMessage} from "../chain/errors.js";
import type {ChainLogger} from "../chain/interface.js";

/** Ancestors walked back at most; a longer gap is range sync's. */
const MAX_DEPTH = 16;
/** Children held at once (each may start a walk). */
const MAX_PENDING = 16;

export interface UnknownParentStats {
  walks: number;
  blocksFetched: number;
  imported: number;
}

export class UnknownParentFetcher {
  /** Child roots being resolved (the same block arrives from several peers). */
  private readonly active = new Set<string>();
  readonly stats: UnknownParentStats = {walks: 0, blocksFetched: 0, imported: 0};
  private closed = false;

  constructor(
    private readonly chain: BeaconChain,
    private readonly network: Pick<Network, "reqResp" | "reportPeer" | "getSyncPeers">,
    private readonly logger: ChainLogger,
    /** How long a fetched block whose data is missing may take to import (default two slots). */
    private readonly dataWaitMs = 2 * chain.config.SLOT_DURATION_MS
  ) {}

  close(): void {
    this.closed = true;
  }

  /** A gossip block that failed only for its unknown parent. Resolved in the background; never throws. */
  onUnknownParent(block: SignedBeaconBlockAllForks, peerId: string): void {
    const rootHex = toHex(computeBlockRoot(this.chain, block.message));
    if (this.closed || this.active.has(rootHex) || this.active.size >= MAX_PENDING) return;
    this.active.add(rootHex);
    this.stats.walks++;
    this.resolve(block, rootHex, peerId)
      .catch((e) => this.logger.debug("Unknown parent not resolved", {slot: block.message.slot, root: rootHex, error: errorMessage(e)}))
      .finally(() => this.active.delete(rootHex));
  }

  private async resolve(child: SignedBeaconBlockAllForks, childRoot: string, peerId: string): Promise<void> {
    const chainOf: {block: SignedBeaconBlockAllForks; rootHex: string}[] = [{block: child, rootHex: childRoot}];
    let parentHex = toHex(child.message.parentRoot);
    while (!this.chain.forkChoice.hasBlock(parentHex)) {
      if (chainOf.length > MAX_DEPTH) {
        this.logger.debug("Unknown parent too far back: left to range sync", {slot: child.message.slot, depth: chainOf.length});
        return;
      }
      const parent = await this.fetchByRoot(parentHex, peerId);
      if (parent === null) return;
      chainOf.unshift({block: parent, rootHex: parentHex});
      parentHex = toHex(parent.message.parentRoot);
    }
    this.logger.info("Unknown parent fetched by root", {slot: child.message.slot, root: childRoot, ancestors: chainOf.length - 1, peer: peerId});
    for (const {block, rootHex} of chainOf) {
      if (this.closed) return;
      if (this.chain.forkChoice.hasBlock(rootHex)) continue;
      await this.importOne(block, rootHex);
    }
  }

  private async fetchByRoot(rootHex: string, from: string): Promise<SignedBeaconBlockAllForks | null> {
    // The sender first: it forwarded the child, so it has the parent; then any other synced peer.
    const peers = [from, ...this.network.getSyncPeers().map((p) => p.peerId).filter((p) => p !== from)].slice(0, 3);
    for (const peerId of peers) {
      let blocks: SignedBeaconBlockAllForks[];
      try {
        blocks = (await this.network.reqResp.beaconBlocksByRoot(peerId, [fromHex(rootHex)])) as unknown as SignedBeaconBlockAllForks[];
      } catch (e) {
        this.logger.debug("Block by root failed", {root: rootHex, peer: peerId, error: errorMessage(e)});
        continue;
      }
      const block = blocks.find((b) => toHex(computeBlockRoot(this.chain, b.message)) === rootHex);
      if (blocks.length > 0 && block === undefined) this.network.reportPeer(peerId, PeerAction.LowToleranceError, "blocks by root: not the block asked for");
      if (block !== undefined) {
        this.stats.blocksFetched++;
        return block;
      }
    }
    return null;
  }

  /** processBlock; a block waiting for its data is given time for the column fetcher to complete it. */
  private async importOne(block: SignedBeaconBlockAllForks, rootHex: string): Promise<void> {
    try {
      await this.chain.processBlock(block, {source: "gossip"});
      this.stats.imported++;
      return;
    } catch (e) {
      if (e instanceof BlockError && e.code === BlockErrorCode.ALREADY_KNOWN) return;
      if (!(e instanceof BlockError && e.code === BlockErrorCode.DATA_UNAVAILABLE)) throw e;
    }
    const deadline = Date.now() + this.dataWaitMs;
    while (!this.chain.forkChoice.hasBlock(rootHex)) {
      if (this.closed || Date.now() > deadline) throw new Error(`block ${rootHex} still waits for its data`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.stats.imported++;
  }
}
