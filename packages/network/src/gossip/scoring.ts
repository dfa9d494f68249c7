// Gossipsub v1.1 peer-score parameters. The consensus specs leave these to clients ("currently under
// investigation", phase0/p2p-interface.md); this is Hearth's setting, chosen so that:
// - honest behaviour earns a small, capped positive score (P1 time in mesh, P2 first deliveries);
// - invalid messages (P4) dominate: ~10 rejected messages on one topic put a peer below the gossip
//   threshold, ~20 below the graylist threshold, whatever the topic's weight;
// - mesh-delivery-rate penalties (P3/P3b) are OFF: the right rate depends on the validator count and
//   how busy each subnet is, and a wrong guess prunes honest peers on small (dev/test) networks;
// - every counter decays per slot, so a peer recovers in a few epochs after behaving again.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import type {BeaconConfig} from "@hearth/config";
import type {PeerScoreParams, TopicScoreParams} from "@chainsafe/libp2p-gossipsub/score";
import type {PeerScoreThresholds} from "@chainsafe/libp2p-gossipsub/score";
import {GossipType, type GossipTopic} from "./interface.js";
import {allTopicsAtBoundary, stringifyGossipTopic} from "./topic.js";

export const GOSSIP_SCORE_THRESHOLDS: PeerScoreThresholds = {
  /** Below: no gossip (IHAVE/IWANT) to or from the peer. */
  gossipThreshold: -4000,
  /** Below: we do not publish our own messages to the peer. */
  publishThreshold: -8000,
  /** Below: all the peer's RPCs are ignored. */
  graylistThreshold: -16000,
  /** PX only from well-behaved peers. */
  acceptPXThreshold: 100,
  /** Median mesh score under which we opportunistically graft better peers. */
  opportunisticGraftThreshold: 5,
};

/** Positive topic contributions are capped at this, so no amount of good behaviour buys immunity. */
const TOPIC_SCORE_CAP = 50;
/** Score one invalid message costs on any topic (before squaring by the count). */
const INVALID_MESSAGE_COST = 40;

/** The per-interval factor that takes a counter to 1% (decayToZero) after `intervals` intervals. */
export function decayFactor(intervals: number, decayToZero = 0.01): number {
  return Math.pow(decayToZero, 1 / intervals);
}

/** A topic's share of the total topic weight; subnet topics split theirs among the subnets. */
function topicWeight(type: GossipType, subnets: number): number {
  switch (type) {
    case GossipType.beacon_block:
      return 0.5;
    case GossipType.beacon_aggregate_and_proof:
      return 0.5;
    case GossipType.beacon_attestation:
      return 1 / subnets;
    case GossipType.sync_committee_contribution_and_proof:
      return 0.2;
    case GossipType.sync_committee:
      return 0.2 / subnets;
    case GossipType.blob_sidecar:
    case GossipType.data_column_sidecar:
      return 0.3 / subnets;
    default:
      // Rare topics (exits, slashings, BLS changes, light-client updates): present, lightly weighted.
      return 0.05;
  }
}

/** Score parameters of one topic; `slotMs` is the decay interval. */
export function topicScoreParams(type: GossipType, subnets: number): TopicScoreParams {
  const weight = topicWeight(type, subnets);
  return {
    topicWeight: weight,
    // P1: up to +10 (x weight) after ~300 slots in the mesh.
    timeInMeshWeight: 10 / 300,
    timeInMeshQuantum: 0, // set from the slot length in computeGossipScoreParams
    timeInMeshCap: 300,
    // P2: +1 per first delivery, capped at 20, decaying to 1% in 4 epochs.
    firstMessageDeliveriesWeight: 1,
    firstMessageDeliveriesDecay: decayFactor(4 * SLOTS_PER_EPOCH),
    firstMessageDeliveriesCap: 20,
    // P3, P3b: off (see the header).
    meshMessageDeliveriesWeight: 0,
    meshMessageDeliveriesDecay: 0,
    meshMessageDeliveriesCap: 0,
    meshMessageDeliveriesThreshold: 0,
    meshMessageDeliveriesWindow: 0,
    meshMessageDeliveriesActivation: 0,
    meshFailurePenaltyWeight: 0,
    meshFailurePenaltyDecay: 0,
    // P4: -INVALID_MESSAGE_COST * count^2 in absolute score whatever the topic's weight; decays to 1%
    // in 50 epochs, so a peer that sent garbage stays suspect for hours.
    invalidMessageDeliveriesWeight: -INVALID_MESSAGE_COST / weight,
    invalidMessageDeliveriesDecay: decayFactor(50 * SLOTS_PER_EPOCH),
  };
}

/**
 * Peer-score parameters for every topic of every scheduled fork digest (precomputed: gossipsub copies
 * the topic table at construction). `appSpecificScore` lets the peer manager's score count too.
 */
export function computeGossipScoreParams(config: BeaconConfig, appSpecificScore: (peerId: string) => number = () => 0): PeerScoreParams {
  const slotMs = config.chain.SLOT_DURATION_MS;
  const topics: Record<string, TopicScoreParams> = {};
  for (const boundary of config.forkDigestBoundaries) {
    const all = allTopicsAtBoundary(config, boundary);
    const subnetsOf = (t: GossipTopic): number => all.filter((x) => x.type === t.type).length;
    for (const topic of all) {
      topics[stringifyGossipTopic(topic)] = {...topicScoreParams(topic.type, subnetsOf(topic)), timeInMeshQuantum: slotMs};
    }
  }
  return {
    topics,
    topicScoreCap: TOPIC_SCORE_CAP,
    appSpecificScore: appSpecificScore,
    appSpecificWeight: 1,
    // P6: more than 3 peers behind one IP start costing; loopback test networks stay under it.
    IPColocationFactorWeight: -TOPIC_SCORE_CAP,
    IPColocationFactorThreshold: 3,
    IPColocationFactorWhitelist: new Set(),
    // P7: broken promises (IWANT not followed up, grafting during backoff).
    behaviourPenaltyWeight: -10,
    behaviourPenaltyThreshold: 6,
    behaviourPenaltyDecay: decayFactor(10 * SLOTS_PER_EPOCH),
    decayInterval: slotMs,
    decayToZero: 0.01,
    retainScore: 100 * SLOTS_PER_EPOCH * slotMs,
  };
}
