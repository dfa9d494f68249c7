// Which data columns a peer custodies (fulu das-core.md "Custody"): its node id (from its peer id)
// and the custody group count of its MetaData v3 (CUSTODY_REQUIREMENT until we have it). Used to ask
// a peer only for columns it is bound to serve.
import {NUMBER_OF_CUSTODY_GROUPS} from "@hearth/params";
import {computeColumnsForCustodyGroup, getCustodyGroups, type ConnectedPeer} from "@hearth/network";
import type {ChainConfig} from "@hearth/config";
import {nodeIdFromPeerId} from "./nodeId.js";

const MAX_CACHED = 256;

export class PeerCustody {
  private readonly cache = new Map<string, {cgc: number; columns: Set<number>}>();
  constructor(private readonly config: ChainConfig) {}

  /** The peer's advertised custody group count (metadata v3), CUSTODY_REQUIREMENT before it is known. */
  custodyGroupCount(peer: Pick<ConnectedPeer, "metadata">): number {
    const cgc = (peer.metadata as {custodyGroupCount?: number} | null)?.custodyGroupCount;
    return typeof cgc === "number" && cgc >= this.config.CUSTODY_REQUIREMENT && cgc <= NUMBER_OF_CUSTODY_GROUPS ? cgc : this.config.CUSTODY_REQUIREMENT;
  }

  /** The peer's custody columns; empty when its id carries no secp256k1 key. */
  columnsOf(peer: Pick<ConnectedPeer, "peerId" | "metadata">): Set<number> {
    const cgc = this.custodyGroupCount(peer);
    const hit = this.cache.get(peer.peerId);
    if (hit !== undefined && hit.cgc === cgc) return hit.columns;
    let columns: Set<number>;
    try {
      columns = new Set(getCustodyGroups(nodeIdFromPeerId(peer.peerId), cgc).flatMap(computeColumnsForCustodyGroup));
    } catch {
      columns = new Set();
    }
    this.cache.delete(peer.peerId);
    this.cache.set(peer.peerId, {cgc, columns});
    while (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    return columns;
  }

  /**
   * Spreads `wanted` columns over `peers`: each column goes to a peer that custodies it, the fewest
   * requests first (the peer covering most of what is left). Columns no peer custodies are returned apart.
   */
  assign(peers: Pick<ConnectedPeer, "peerId" | "metadata">[], wanted: readonly number[]): {byPeer: Map<string, number[]>; uncovered: number[]} {
    const left = new Set(wanted);
    const byPeer = new Map<string, number[]>();
    const custody = peers.map((p) => ({peerId: p.peerId, columns: this.columnsOf(p)}));
    while (left.size > 0) {
      let best: {peerId: string; cover: number[]} | null = null;
      for (const p of custody) {
        if (byPeer.has(p.peerId)) continue;
        const cover = [...left].filter((c) => p.columns.has(c));
        if (cover.length > 0 && (best === null || cover.length > best.cover.length)) best = {peerId: p.peerId, cover};
      }
      if (best === null) break;
      byPeer.set(best.peerId, best.cover.sort((a, b) => a - b));
      for (const c of best.cover) left.delete(c);
    }
    return {byPeer, uncovered: [...left].sort((a, b) => a - b)};
  }

  /**
   * As assign, then the columns no peer is known to custody go to the first peer whose metadata we do
   * not have yet: until its MetaData v3 arrives (or after that request failed) its cgc is only assumed
   * to be CUSTODY_REQUIREMENT, but it may be a supernode; a peer without a column answers without it.
   * `busy` peers are not asked now (just asked, in flight), but a column one of them is known to
   * custody is left to them rather than sent to a peer on a guess.
   */
  assignOrAskUnknown(
    peers: Pick<ConnectedPeer, "peerId" | "metadata">[],
    wanted: readonly number[],
    busy: Pick<ConnectedPeer, "peerId" | "metadata">[] = []
  ): {byPeer: Map<string, number[]>; uncovered: number[]} {
    const out = this.assign(peers, wanted);
    const unknown = peers.find((p) => p.metadata === null);
    if (out.uncovered.length === 0 || unknown === undefined) return out;
    const busyColumns = busy.map((p) => this.columnsOf(p));
    const guess = out.uncovered.filter((c) => !busyColumns.some((cols) => cols.has(c)));
    if (guess.length === 0) return out;
    out.byPeer.set(unknown.peerId, [...(out.byPeer.get(unknown.peerId) ?? []), ...guess].sort((a, b) => a - b));
    return {byPeer: out.byPeer, uncovered: out.uncovered.filter((c) => !guess.includes(c))};
  }
}
