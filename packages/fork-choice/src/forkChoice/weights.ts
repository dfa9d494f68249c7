// get_weight for every node at once, kept as proto-array weights: the latest messages, weighed by the
// justified checkpoint's balances, plus the proposer boost on the boosted block and its ancestors.
// Each update moves only what changed: the validators whose message changed (all of them when the
// balances changed) and the boost when its block or amount changed.
import type {ChainConfig} from "@hearth/config";
import {ExecutionStatus, NONE, type Checkpoint, type RootHex} from "../protoArray/interface.js";
import {sameCheckpoint, type ProtoArray} from "../protoArray/protoArray.js";
import {calculateCommitteeFraction, gweiToWeightUnits, type JustifiedBalances} from "./balances.js";
import {NodeDeltas, VoteTracker} from "./votes.js";

export class NodeWeights {
  readonly votes: VoteTracker;
  private balances: JustifiedBalances;
  private balancesCheckpoint: Checkpoint;
  /** The balances and boost the proto-array's weights hold now. */
  private appliedBalances: Uint16Array = new Uint16Array(0);
  private appliedBoost: {index: number; units: number} | null = null;
  private readonly nodeDeltas = new NodeDeltas();

  constructor(
    private readonly config: ChainConfig,
    private readonly protoArray: ProtoArray,
    anchorCheckpoint: Checkpoint,
    anchorBalances: JustifiedBalances,
    private readonly getJustifiedBalances: (checkpoint: Checkpoint) => JustifiedBalances,
    validatorCount?: number
  ) {
    this.balances = anchorBalances;
    this.balancesCheckpoint = anchorCheckpoint;
    this.votes = new VoteTracker(validatorCount);
  }

  /** checkpoint_states[justified]'s balances, asked of the caller once per justified checkpoint. */
  balancesOf(justified: Checkpoint): JustifiedBalances {
    if (!sameCheckpoint(this.balancesCheckpoint, justified)) {
      this.balances = this.getJustifiedBalances(justified);
      this.balancesCheckpoint = justified;
    }
    return this.balances;
  }

  /** compute_proposer_score of the justified balances, in Gwei. */
  proposerScore(justified: Checkpoint): bigint {
    return calculateCommitteeFraction(this.balancesOf(justified).totalActiveBalanceIncrements, this.config.PROPOSER_SCORE_BOOST);
  }

  /** Brings node weights up to date, then best children and descendants. */
  apply(justified: Checkpoint, proposerBoostRoot: RootHex | null): void {
    const protoArray = this.protoArray;
    const newBalances = this.balancesOf(justified).balances;
    this.votes.computeDeltas(this.appliedBalances, newBalances, newBalances !== this.appliedBalances, this.nodeDeltas);
    this.appliedBalances = newBalances;
    this.nodeDeltas.drain((node, delta) => protoArray.addWeight(node, delta));

    const boostIndex = proposerBoostRoot === null ? undefined : protoArray.getIndex(proposerBoostRoot);
    const boost = boostIndex === undefined ? null : {index: boostIndex, units: gweiToWeightUnits(this.proposerScore(justified))};
    const old = this.appliedBoost;
    if (old?.index !== boost?.index || old?.units !== boost?.units) {
      if (old !== null) protoArray.addWeight(old.index, -old.units);
      if (boost !== null) protoArray.addWeight(boost.index, boost.units);
      this.appliedBoost = boost;
    }
    protoArray.applyChanges();
  }

  /** The part of a node's weight that is proposer boost (0 unless it is the boosted block or an ancestor). */
  boostUnitsIn(index: number): number {
    const boost = this.appliedBoost;
    if (boost === null || !this.protoArray.isAncestor(boost.index, index)) return 0;
    // an invalidated block keeps the boost but passes none of it up
    for (let i = boost.index; i !== index; i = this.protoArray.nodes[i].parent) {
      if (this.protoArray.nodes[i].executionStatus === ExecutionStatus.Invalid) return 0;
    }
    return boost.units;
  }

  /** Follows a prune of the proto-array. */
  remapNodes(remap: Int32Array): void {
    this.votes.remapNodes(remap);
    if (this.appliedBoost !== null) {
      const index = remap[this.appliedBoost.index];
      this.appliedBoost = index === NONE ? null : {index, units: this.appliedBoost.units};
    }
  }
}
