// The node's metrics, with the interop names of ethereum/beacon-metrics (metrics.md) where one exists,
// so that dashboards made for any client read Hearth too.
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics} from "prom-client";

export type BeaconMetrics = ReturnType<typeof createBeaconMetrics>;

export function createBeaconMetrics(registry: Registry = new Registry()) {
  collectDefaultMetrics({register: registry});
  const gauge = (name: string, help: string): Gauge => new Gauge({name, help, registers: [registry]});
  return {
    registry,
    // interop metrics
    peers: gauge("libp2p_peers", "number of connected libp2p peers"),
    slot: gauge("beacon_slot", "the wall-clock slot"),
    headSlot: gauge("beacon_head_slot", "slot of the head block"),
    finalizedEpoch: gauge("beacon_finalized_epoch", "current finalized epoch"),
    currentJustifiedEpoch: gauge("beacon_current_justified_epoch", "current justified epoch"),
    previousJustifiedEpoch: gauge("beacon_previous_justified_epoch", "previous justified epoch"),
    currentActiveValidators: gauge("beacon_current_active_validators", "active validators in the current epoch"),
    reorgs: new Counter({name: "beacon_reorgs_total", help: "chain reorganizations", registers: [registry]}),
    processedDepositsTotal: gauge("beacon_processed_deposits_total", "deposits processed (eth1_deposit_index)"),
    // Hearth's own
    blockImportSeconds: new Histogram({
      name: "beacon_block_import_seconds",
      help: "time to import a block: signatures, state transition, fork choice and DB",
      labelNames: ["source"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    blocksImportedTotal: new Counter({name: "beacon_blocks_imported_total", help: "blocks imported", labelNames: ["source"], registers: [registry]}),
    blocksRejectedTotal: new Counter({name: "beacon_blocks_rejected_total", help: "blocks rejected", labelNames: ["code"], registers: [registry]}),
    epochTransitionSeconds: new Histogram({
      name: "beacon_epoch_transition_seconds",
      help: "time of an epoch transition",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    attestationsInPool: gauge("beacon_op_pool_attestations", "attestations held in the pool"),
    participationRate: gauge("beacon_participation_rate", "share of active stake that attested to the previous epoch's target"),
  };
}
