// What an operator watches: the metrics of the head and checkpoints, and one log line per slot with
// the slot, head, finality and the previous epoch's participation.
import {ForkSeq, TIMELY_TARGET_FLAG_INDEX} from "@hearth/params";
import {util, type BeaconStatePostAltair, type CachedBeaconState} from "@hearth/state-transition";
import {ChainEvent, type BeaconChain} from "../chain/index.js";
import type {BeaconMetrics} from "../metrics/index.js";
import type {Logger} from "../logger/index.js";

export function trackChainMetrics(chain: BeaconChain, metrics: BeaconMetrics): void {
  const update = (): void => {
    const {state} = chain.head.state;
    metrics.headSlot.set(chain.head.node.slot);
    metrics.finalizedEpoch.set(state.finalizedCheckpoint.epoch);
    metrics.currentJustifiedEpoch.set(state.currentJustifiedCheckpoint.epoch);
    metrics.previousJustifiedEpoch.set(state.previousJustifiedCheckpoint.epoch);
    metrics.currentActiveValidators.set(chain.head.state.epochCtx.currentShuffling.activeIndices.length);
    metrics.processedDepositsTotal.set(state.eth1DepositIndex);
  };
  update();
  chain.emitter.on(ChainEvent.head, update);
  chain.emitter.on(ChainEvent.chainReorg, () => metrics.reorgs.inc());
  chain.emitter.on(ChainEvent.clockSlot, (slot) => metrics.slot.set(slot));
  chain.emitter.on(ChainEvent.clockEpoch, () => {
    const rate = previousEpochParticipation(chain.head.state);
    if (rate !== null) metrics.participationRate.set(rate);
  });
}

/**
 * The share of the previous epoch's active stake whose attestations were timely for the target
 * (altair+ participation flags; null before altair or at genesis).
 */
export function previousEpochParticipation(cs: CachedBeaconState): number | null {
  if (ForkSeq[cs.fork] < ForkSeq.altair || util.getCurrentEpoch(cs.state) === 0) return null;
  const flags = (cs.state as BeaconStatePostAltair).previousEpochParticipation.getAll();
  const increments = cs.epochCtx.effectiveBalanceIncrements;
  let total = 0;
  let attested = 0;
  for (const i of cs.epochCtx.previousShuffling.activeIndices) {
    total += increments[i];
    if ((flags[i] >> TIMELY_TARGET_FLAG_INDEX) & 1) attested += increments[i];
  }
  return total === 0 ? null : attested / total;
}

/** Logs one line per slot; returns a function that stops it. */
export function startStatusLog(chain: BeaconChain, logger: Logger): () => void {
  let participation: number | null = null;
  let stopped = false;
  const onEpoch = (): void => {
    participation = previousEpochParticipation(chain.head.state);
  };
  const onSlot = (slot: number): void => {
    if (stopped) return;
    const {state} = chain.head.state;
    logger.info("Slot", {
      slot,
      head: chain.head.node.slot,
      root: chain.head.node.blockRoot.slice(0, 10),
      justified: state.currentJustifiedCheckpoint.epoch,
      finalized: state.finalizedCheckpoint.epoch,
      ...(participation !== null ? {participation: `${(participation * 100).toFixed(1)}%`} : {}),
    });
  };
  chain.emitter.on(ChainEvent.clockEpoch, onEpoch);
  chain.emitter.on(ChainEvent.clockSlot, onSlot);
  return () => {
    stopped = true;
  };
}
