// The validator client's Prometheus registry: duty effectiveness (attestations, blocks, sync
// committee messages, aggregates) and the process itself. Metrics are named validator_* so that a
// beacon node and a validator client scraped by one Prometheus never collide.
import {Counter, Gauge, Registry, collectDefaultMetrics} from "prom-client";
import {DutyLedger} from "./effectiveness.js";

export type ValidatorMetrics = ReturnType<typeof createValidatorMetrics>;

export function createValidatorMetrics(registry: Registry = new Registry()) {
  collectDefaultMetrics({register: registry});
  const reg = [registry];
  const ledger = new DutyLedger();
  /** Slot clock, once genesis and the slot duration are known (read through the API). */
  const clock = {genesisTime: null as number | null, slotMs: null as number | null, now: (): number => Date.now()};
  const counter = (name: string, help: string, labelNames: string[] = []): Counter => new Counter({name, help, labelNames, registers: reg});

  const attestationsMissed = counter("validator_attestations_missed_total", "attester duties whose slot passed without our attestation");
  const blocksMissed = counter("validator_blocks_missed_total", "proposer duties of ours whose slot passed without a published block");
  const settle = (): void => {
    if (clock.genesisTime === null || clock.slotMs === null) return;
    const currentSlot = Math.floor((clock.now() - clock.genesisTime * 1000) / clock.slotMs);
    const missed = ledger.settle(currentSlot);
    attestationsMissed.inc(missed.attestationsMissed);
    blocksMissed.inc(missed.blocksMissed);
  };
  // settled at every scrape, so a missed duty shows without waiting for the next one
  const settleOnScrape = new Gauge({name: "validator_indices", help: "validator indices this client performs duties for", registers: reg, collect: () => settle()});

  const publishErrors = counter("validator_publish_errors_total", "publish calls the beacon node refused or did not answer, by duty", ["duty"]);
  for (const duty of ["attestation", "block", "aggregate", "sync_committee_message", "sync_contribution"]) publishErrors.inc({duty}, 0);

  return {
    registry,
    ledger,
    clock,
    settle,
    indices: settleOnScrape,
    attesterDuties: counter("validator_attester_duties_total", "attester duties of ours, counted when their epoch's duties are first read"),
    attestationsPublished: counter("validator_attestations_published_total", "attestations published"),
    attestationsMissed,
    blocksProposed: counter("validator_blocks_proposed_total", "blocks signed and published"),
    blocksMissed,
    aggregatesPublished: counter("validator_aggregates_published_total", "aggregate and proofs published"),
    syncSignaturesPublished: counter("validator_sync_committee_messages_published_total", "sync committee messages (signatures) published"),
    syncContributionsPublished: counter("validator_sync_contributions_published_total", "sync committee contributions published"),
    publishErrors,
  };
}
