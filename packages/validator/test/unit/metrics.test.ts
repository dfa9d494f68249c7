// The validator client's effectiveness metrics, through the instrumented API client: duties read,
// duties done, duties missed once their slot is over, and refused publishes.
import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {createValidatorMetrics, instrumentValidatorApi, type ValidatorApi} from "../../src/index.js";

const GENESIS = 1_000_000;
const SLOT_MS = 12_000;

async function value(metrics: ReturnType<typeof createValidatorMetrics>, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const v = metric?.values.find((x) => Object.entries(labels).every(([k, l]) => (x.labels as Record<string, unknown>)[k] === l));
  return v?.value ?? NaN;
}

function fakeApi(opts: {refuseAttestations?: boolean}): ValidatorApi {
  const ok = {data: undefined, meta: {}};
  return {
    getGenesis: async () => ({data: {genesisTime: GENESIS}}),
    getSpec: async () => ({data: {PRESET_BASE: "minimal", CONFIG_NAME: "test", SECONDS_PER_SLOT: "12", SLOT_DURATION_MS: String(SLOT_MS)}}),
    getAttesterDuties: async ({epoch}: {epoch: number}) => ({
      // validators 5 and 6 attest at the epoch's first slot, 7 at its second
      data: [5, 6, 7].map((validatorIndex) => ({validatorIndex, slot: epoch * SLOTS_PER_EPOCH + (validatorIndex === 7 ? 1 : 0)})),
      meta: {dependentRoot: new Uint8Array(32)},
    }),
    // slot 2 is ours (6), slot 3 someone else's (99)
    getProposerDuties: async ({epoch}: {epoch: number}) => ({
      data: [
        {validatorIndex: 6, slot: epoch * SLOTS_PER_EPOCH + 2},
        {validatorIndex: 99, slot: epoch * SLOTS_PER_EPOCH + 3},
      ],
      meta: {},
    }),
    submitPoolAttestationsV2: async () => {
      if (opts.refuseAttestations) throw new Error("HTTP 400");
      return ok;
    },
    publishBlockV2: async () => ok,
    submitPoolSyncCommitteeSignatures: async () => ok,
  } as unknown as ValidatorApi;
}

describe("validator metrics", () => {
  it("counts published and missed attestations and blocks once their slots are over", async () => {
    const metrics = createValidatorMetrics();
    let now = GENESIS * 1000;
    metrics.clock.now = () => now;
    const api = instrumentValidatorApi(fakeApi({}), metrics);
    await api.getGenesis();
    await api.getSpec();
    await api.getAttesterDuties({epoch: 0, indices: [5, 6, 7]});
    // a refetch of the same epoch (a reorg) must not count its duties twice
    await api.getAttesterDuties({epoch: 0, indices: [5, 6, 7]});
    await api.getProposerDuties({epoch: 0});
    assert.equal(await value(metrics, "validator_attester_duties_total"), 3);

    // slot 0: two of the two attest; slot 1: validator 7 never does; slot 2: our block is published
    const att = (slot: number) => ({data: {slot}}) as never;
    await api.submitPoolAttestationsV2({fork: "phase0", attestations: [att(0), att(0)]} as never);
    await api.publishBlockV2({fork: "phase0", signedBlock: {message: {slot: 2}}} as never);
    await api.submitPoolSyncCommitteeSignatures({signatures: [{}, {}, {}]} as never);

    now = (GENESIS * 1000) + 2 * SLOT_MS; // slot 2: slot 0 is over, slot 1 not yet
    await metrics.registry.metrics();
    assert.equal(await value(metrics, "validator_attestations_missed_total"), 0);
    now = (GENESIS * 1000) + 10 * SLOT_MS;
    const text = await metrics.registry.metrics(); // settled on scrape
    assert.match(text, /^validator_indices 3$/m);
    assert.equal(await value(metrics, "validator_attestations_published_total"), 2);
    assert.equal(await value(metrics, "validator_attestations_missed_total"), 1);
    assert.equal(await value(metrics, "validator_blocks_proposed_total"), 1);
    assert.equal(await value(metrics, "validator_blocks_missed_total"), 0, "slot 3 is not ours");
    assert.equal(await value(metrics, "validator_sync_committee_messages_published_total"), 3);
  });

  it("counts a refused publish as an error and its duties as missed, and rethrows", async () => {
    const metrics = createValidatorMetrics();
    metrics.clock.now = () => GENESIS * 1000 + 20 * SLOT_MS;
    const api = instrumentValidatorApi(fakeApi({refuseAttestations: true}), metrics);
    await api.getGenesis();
    await api.getSpec();
    await api.getAttesterDuties({epoch: 0, indices: [5, 6, 7]});
    await api.getProposerDuties({epoch: 0});
    await assert.rejects(api.submitPoolAttestationsV2({fork: "phase0", attestations: [{data: {slot: 0}}]} as never), /HTTP 400/);
    await metrics.registry.metrics();
    assert.equal(await value(metrics, "validator_publish_errors_total", {duty: "attestation"}), 1);
    assert.equal(await value(metrics, "validator_attestations_published_total"), 0);
    assert.equal(await value(metrics, "validator_attestations_missed_total"), 3);
    assert.equal(await value(metrics, "validator_blocks_missed_total"), 1, "our slot-2 proposal never came");
  });
});
