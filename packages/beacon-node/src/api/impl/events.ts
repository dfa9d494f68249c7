// /eth/v1/events (beacon-APIs apis/eventstream): the chain's events as the API's. The chain emits
// roots as hex; the API's event types hold bytes. Without a network, block_gossip is sent when a
// block has been imported (it passed more than gossip validation by then).
import {subscriptionIterable, type BeaconApiImpl, type BeaconEvent, type EventTopic} from "@hearth/api";
import {fromHex} from "@hearth/config";
import type {electra, phase0} from "@hearth/types";
import {ChainEvent, type ChainEventData} from "../../chain/index.js";
import type {ApiContext} from "./context.js";

type EventsApi = Pick<BeaconApiImpl, "eventstream">;

type Push = (event: BeaconEvent) => void;
type Subscribe = <E extends ChainEvent>(event: E, listener: (data: ChainEventData[E]) => void) => void;

/** Chain events whose data already is the API's value, by topic. */
const PASSTHROUGH: Partial<Record<EventTopic, ChainEvent>> = {
  voluntary_exit: ChainEvent.voluntaryExit,
  proposer_slashing: ChainEvent.proposerSlashing,
  attester_slashing: ChainEvent.attesterSlashing,
  bls_to_execution_change: ChainEvent.blsToExecutionChange,
  contribution_and_proof: ChainEvent.contributionAndProof,
};

/** Listens to the chain for one topic; topics the chain has no source for (none yet) send nothing. */
function subscribeTopic(topic: EventTopic, on: Subscribe, push: Push, chain: ApiContext["chain"], unsubscribes: (() => void)[]): void {
  switch (topic) {
    case "payload_attributes":
      on(ChainEvent.payloadAttributes, (d) =>
        push({
          type: "payload_attributes",
          message: {
            version: d.fork,
            data: {...d, parentBlockRoot: fromHex(d.parentBlockRoot), parentBlockHash: fromHex(d.parentBlockHash)},
          },
        })
      );
      return;
    case "blob_sidecar":
      on(ChainEvent.blobSidecar, (d) => push({type: "blob_sidecar", message: {...d, blockRoot: fromHex(d.blockRoot)}}));
      return;
    case "data_column_sidecar":
      on(ChainEvent.dataColumnSidecar, (d) => push({type: "data_column_sidecar", message: {...d, blockRoot: fromHex(d.blockRoot)}}));
      return;
    // the light-client server pushes its latest updates when they change
    case "light_client_finality_update":
      unsubscribes.push(chain.lightClientServer.onFinalityUpdate((u) => push({type: topic, message: {version: u.fork, data: u.data}})));
      return;
    case "light_client_optimistic_update":
      unsubscribes.push(chain.lightClientServer.onOptimisticUpdate((u) => push({type: topic, message: {version: u.fork, data: u.data}})));
      return;
    case "head":
      on(ChainEvent.head, (d) =>
        push({
          type: "head",
          message: {
            ...d,
            block: fromHex(d.block),
            state: fromHex(d.state),
            previousDutyDependentRoot: fromHex(d.previousDutyDependentRoot),
            currentDutyDependentRoot: fromHex(d.currentDutyDependentRoot),
          },
        })
      );
      return;
    case "block":
      on(ChainEvent.block, (d) => push({type: "block", message: {...d, block: fromHex(d.block)}}));
      return;
    case "block_gossip":
      on(ChainEvent.block, (d) => push({type: "block_gossip", message: {slot: d.slot, block: fromHex(d.block)}}));
      return;
    case "finalized_checkpoint":
      on(ChainEvent.finalizedCheckpoint, (d) => push({type: "finalized_checkpoint", message: {...d, block: fromHex(d.block), state: fromHex(d.state)}}));
      return;
    case "chain_reorg":
      on(ChainEvent.chainReorg, (d) =>
        push({
          type: "chain_reorg",
          message: {
            ...d,
            oldHeadBlock: fromHex(d.oldHeadBlock),
            newHeadBlock: fromHex(d.newHeadBlock),
            oldHeadState: fromHex(d.oldHeadState),
            newHeadState: fromHex(d.newHeadState),
          },
        })
      );
      return;
    // the chain emits what it accepted: an Attestation before electra, a SingleAttestation from electra
    case "attestation":
      on(ChainEvent.attestation, (d) => {
        if (!("attesterIndex" in (d as object))) push({type: "attestation", message: d as phase0.Attestation});
      });
      return;
    case "single_attestation":
      on(ChainEvent.attestation, (d) => {
        if ("attesterIndex" in (d as object)) push({type: "single_attestation", message: d as electra.SingleAttestation});
      });
      return;
    default: {
      const event = PASSTHROUGH[topic];
      if (event !== undefined) on(event, (d) => push({type: topic, message: d} as BeaconEvent));
    }
  }
}

export function createEventsApi(ctx: ApiContext): EventsApi {
  const {emitter} = ctx.chain;
  return {
    eventstream({topics, signal}) {
      return subscriptionIterable<BeaconEvent>((push) => {
        const unsubscribes: (() => void)[] = [];
        const on: Subscribe = (event, listener) => {
          emitter.on(event, listener);
          unsubscribes.push(() => emitter.off(event, listener));
        };
        for (const topic of new Set(topics)) subscribeTopic(topic, on, push, ctx.chain, unsubscribes);
        return () => unsubscribes.forEach((off) => off());
      }, signal);
    },
  };
}
