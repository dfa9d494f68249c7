// Counts what the validator client does at the one place all of it passes: its Beacon API client.
// Duty responses feed the ledger of what is expected; successful publishes count as done, refused
// ones as errors. The client itself is not touched.
import type {ValidatorApi} from "../api.js";
import type {ValidatorMetrics} from "./validatorMetrics.js";

type Fn = (...args: never[]) => Promise<unknown>;

export function instrumentValidatorApi(api: ValidatorApi, metrics: ValidatorMetrics): ValidatorApi {
  const countedEpochs = new Set<number>();
  const call = (name: keyof ValidatorApi, args: never[]): Promise<unknown> => (api[name] as unknown as Fn).apply(api, args);
  const published = (duty: string, name: keyof ValidatorApi, onOk: (args: never) => void): Fn =>
    async (...callArgs) => {
      try {
        const res = await call(name, callArgs);
        onOk(callArgs[0]);
        metrics.settle();
        return res;
      } catch (e) {
        metrics.publishErrors.inc({duty});
        throw e;
      }
    };

  const overrides: Partial<Record<keyof ValidatorApi, Fn>> = {
    getGenesis: async (...a) => {
      const res = (await call("getGenesis", a)) as Awaited<ReturnType<ValidatorApi["getGenesis"]>>;
      metrics.clock.genesisTime = res.data.genesisTime;
      return res;
    },
    getSpec: async (...a) => {
      const res = (await call("getSpec", a)) as Awaited<ReturnType<ValidatorApi["getSpec"]>>;
      // read leniently: a spec the metrics cannot read must not fail the client (it judges the spec)
      const spec = res.data as Record<string, unknown>;
      const slotMs = spec.SLOT_DURATION_MS !== undefined ? Number(spec.SLOT_DURATION_MS) : Number(spec.SECONDS_PER_SLOT) * 1000;
      if (Number.isFinite(slotMs) && slotMs > 0) metrics.clock.slotMs = slotMs;
      return res;
    },
    getAttesterDuties: async (...a) => {
      const args = a[0] as Parameters<ValidatorApi["getAttesterDuties"]>[0];
      const res = (await call("getAttesterDuties", a)) as Awaited<ReturnType<ValidatorApi["getAttesterDuties"]>>;
      for (const i of args.indices) metrics.ledger.ownIndices.add(i);
      metrics.indices.set(metrics.ledger.ownIndices.size);
      metrics.ledger.setAttesterDuties(args.epoch, res.data);
      if (!countedEpochs.has(args.epoch)) {
        countedEpochs.add(args.epoch);
        metrics.attesterDuties.inc(res.data.length);
        for (const e of countedEpochs) if (e < args.epoch - 2) countedEpochs.delete(e);
      }
      return res;
    },
    getProposerDuties: async (...a) => {
      const args = a[0] as Parameters<ValidatorApi["getProposerDuties"]>[0];
      const res = (await call("getProposerDuties", a)) as Awaited<ReturnType<ValidatorApi["getProposerDuties"]>>;
      metrics.ledger.setProposerDuties(args.epoch, res.data);
      return res;
    },
    submitPoolAttestationsV2: published("attestation", "submitPoolAttestationsV2", (args: Parameters<ValidatorApi["submitPoolAttestationsV2"]>[0]) => {
      metrics.attestationsPublished.inc(args.attestations.length);
      metrics.ledger.onAttestationsPublished(args.attestations.map((a) => a.data.slot));
    }),
    publishBlockV2: published("block", "publishBlockV2", (args: Parameters<ValidatorApi["publishBlockV2"]>[0]) => {
      metrics.blocksProposed.inc();
      const signed = args.signedBlock as {message?: {slot: number}; signedBlock?: {message: {slot: number}}};
      const slot = signed.message?.slot ?? signed.signedBlock?.message.slot;
      if (slot !== undefined) metrics.ledger.onBlockPublished(slot);
    }),
    publishAggregateAndProofsV2: published("aggregate", "publishAggregateAndProofsV2", (args: Parameters<ValidatorApi["publishAggregateAndProofsV2"]>[0]) =>
      metrics.aggregatesPublished.inc(args.signedAggregateAndProofs.length),
    ),
    submitPoolSyncCommitteeSignatures: published("sync_committee_message", "submitPoolSyncCommitteeSignatures", (args: Parameters<ValidatorApi["submitPoolSyncCommitteeSignatures"]>[0]) =>
      metrics.syncSignaturesPublished.inc(args.signatures.length),
    ),
    publishContributionAndProofs: published("sync_contribution", "publishContributionAndProofs", (args: Parameters<ValidatorApi["publishContributionAndProofs"]>[0]) =>
      metrics.syncContributionsPublished.inc(args.contributionAndProofs.length),
    ),
  };
  return new Proxy(api, {
    get(target, prop, receiver) {
      const override = overrides[prop as keyof ValidatorApi];
      if (override !== undefined) return override;
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
