// Groups on the pools besides attestations: sync committee messages and contributions (altair+),
// exits and slashings rejected with the chain's error code.
import {G2_POINT_AT_INFINITY} from "@hearth/bls";
import {computeSigningRoot, fromHex} from "@hearth/config";
import {DOMAIN_SYNC_COMMITTEE, ForkSeq, SYNC_COMMITTEE_SIZE, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import {phase0, ssz} from "@hearth/types";
import type {ScenarioContext} from "./context.js";
import {failureOf} from "./report.js";

export async function opGroups(ctx: ScenarioContext): Promise<void> {
  const {r, client, h, fork} = ctx;

  await r.group("syncCommittee", async () => {
    if (ForkSeq[fork] < ForkSeq.altair) {
      r.check("noContributionBeforeAltair", (await failureOf(client.produceSyncCommitteeContribution({slot: h.chain.clock.currentSlot, subcommitteeIndex: 0, beaconBlockRoot: new Uint8Array(32)}))).status, 404);
      return;
    }
    const slot = h.chain.clock.currentSlot;
    const epoch = Math.floor(slot / 8);
    const root = fromHex(h.chain.head.node.blockRoot);
    const duties = (await client.getSyncCommitteeDuties({epoch, indices: Array.from({length: 64}, (_, i) => i)})).data;
    const [member, other] = duties;
    const signingRoot = computeSigningRoot(ssz.Root, root, h.domain(DOMAIN_SYNC_COMMITTEE, epoch));
    const good = {slot, beaconBlockRoot: root, validatorIndex: member.validatorIndex, signature: h.keys[member.validatorIndex].sign(signingRoot).toBytes()};
    const bad = {slot, beaconBlockRoot: root, validatorIndex: other.validatorIndex, signature: h.keys[member.validatorIndex].sign(signingRoot).toBytes()};
    const failure = await failureOf(client.submitPoolSyncCommitteeSignatures({signatures: [good, bad]}));
    r.check("failures", [failure.status, failure.failures?.map((f) => f.index), failure.failures?.[0].message.includes("OP_ERROR_INVALID_SIGNATURE")], [400, [1], true]);
    const subcommitteeIndex = Math.floor(member.validatorSyncCommitteeIndices[0] / (SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT));
    const contribution = (await client.produceSyncCommitteeContribution({slot, subcommitteeIndex, beaconBlockRoot: root})).data;
    const positions = member.validatorSyncCommitteeIndices.filter((p) => Math.floor(p / (SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT)) === subcommitteeIndex);
    r.check("contributionBits", contribution.aggregationBits.getTrueBitIndexes().length, positions.length);
    r.check("contribution404", (await failureOf(client.produceSyncCommitteeContribution({slot, subcommitteeIndex, beaconBlockRoot: new Uint8Array(32).fill(3)}))).status, 404);
    r.check("badSubcommittee", (await failureOf(client.produceSyncCommitteeContribution({slot, subcommitteeIndex: SYNC_COMMITTEE_SUBNET_COUNT, beaconBlockRoot: root}))).status, 400);
    r.check("memberLive", (await client.getLiveness({epoch, indices: [member.validatorIndex]})).data[0].isLive, true);
  });

  await r.group("operations", async () => {
    // minimal's SHARD_COMMITTEE_PERIOD keeps genesis validators from exiting this early
    const exit = {message: {epoch: 0, validatorIndex: 7}, signature: G2_POINT_AT_INFINITY};
    const exitFailure = await failureOf(client.submitPoolVoluntaryExit({signedVoluntaryExit: exit}));
    r.check("exitRejected", [exitFailure.status, exitFailure.message.includes("OP_ERROR_INVALID")], [400, true]);
    r.check("exits", (await client.getPoolVoluntaryExits()).data, []);
    const header = {...phase0.BeaconBlockHeader.defaultValue(), slot: 1, proposerIndex: 3};
    const signed = {message: header, signature: G2_POINT_AT_INFINITY};
    const slashingFailure = await failureOf(client.submitPoolProposerSlashings({proposerSlashing: {signedHeader1: signed, signedHeader2: signed}}));
    r.check("sameHeadersRejected", [slashingFailure.status, slashingFailure.message.includes("OP_ERROR_INVALID")], [400, true]);
    r.check("proposerSlashings", (await client.getPoolProposerSlashings()).data, []);
    const attesterSlashings = await client.getPoolAttesterSlashingsV2();
    r.check("attesterSlashings", [attesterSlashings.meta.version, attesterSlashings.data], [fork, []]);
    r.check("subscriptions", (await client.prepareBeaconCommitteeSubnet({subscriptions: [{validatorIndex: 1, committeeIndex: 0, committeesAtSlot: 1, slot: 2, isAggregator: false}]})).status, 200);
  });
}
