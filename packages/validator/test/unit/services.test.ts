import {strict as assert} from "node:assert";
import {BitArray, type Type, type ValueOf} from "@chainsafe/ssz";
import {
  DOMAIN_AGGREGATE_AND_PROOF,
  DOMAIN_CONTRIBUTION_AND_PROOF,
  DOMAIN_SELECTION_PROOF,
  DOMAIN_SYNC_COMMITTEE,
  DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF,
  ForkSeq,
  MAX_COMMITTEES_PER_SLOT,
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
  type ForkName,
} from "@hearth/params";
import {computeSigningRoot, toHex} from "@hearth/config";
import {altair, electra, phase0, ssz, sszTypesFor} from "@hearth/types";
import {SecretKey, Signature, aggregateSignatures, fastAggregateVerify, verify, verifySignatureSets} from "@hearth/bls";
import {
  getAttestationSignatureSet,
  getBlockSignatureSets,
  getSyncAggregateSignatureSet,
  interopSecretKeys,
  util,
  type BeaconStatePostAltair,
  type SignedBeaconBlockAllForks,
} from "@hearth/state-transition";
import type {AnySignedAggregateAndProof, AnySignedBlockContents, Logger} from "@hearth/api";
import {
  AttestationService,
  BlockProposalService,
  DutiesService,
  SyncCommitteeService,
  ValidatorStore,
  createLocalSigner,
  fixedProposerPreferences,
  isSyncCommitteeAggregator,
} from "../../src/index.js";
import {TestChain, committeesAt} from "./helpers/chain.js";
import {FakeNode} from "./helpers/fakeNode.js";
import {recordingLogger} from "./helpers/logger.js";

const VALIDATORS = 64;
const secretKeys = interopSecretKeys(VALIDATORS);


/** A submitted attestation as process_attestation sees it: electra's SingleAttestation gets its bits. */
function asAttestation(chain: TestChain, a: phase0.Attestation | electra.SingleAttestation): phase0.Attestation | electra.Attestation {
  if (!("attesterIndex" in a)) return a;
  const committee = Array.from(chain.stateAt(a.data.slot).epochCtx.getBeaconCommittee(a.data.slot, a.committeeIndex));
  const aggregationBits = BitArray.fromBitLen(committee.length);
  aggregationBits.set(committee.indexOf(a.attesterIndex), true);
  return {aggregationBits, data: a.data, signature: a.signature, committeeBits: BitArray.fromSingleBit(MAX_COMMITTEES_PER_SLOT, a.committeeIndex)};
}

function setup(chain: TestChain, logger?: Logger) {
  const node = new FakeNode(chain);
  const api = node.api;
  const store = new ValidatorStore(secretKeys.map((sk) => createLocalSigner(sk, chain.config)));
  const duties = new DutiesService({api, store, config: chain.config, logger, preferences: fixedProposerPreferences({feeRecipient: new Uint8Array(20).fill(0xfe)})});
  return {
    node,
    store,
    duties,
    blocks: new BlockProposalService({api, logger, preferences: fixedProposerPreferences({graffiti: new Uint8Array(32).fill(0x68)})}),
    attestations: new AttestationService({api, duties, config: chain.config, logger}),
    sync: new SyncCommitteeService({api, duties, config: chain.config, logger}),
  };
}

for (const fork of ["phase0", "altair", "deneb", "electra", "fulu"] as ForkName[]) {
  describe(`duties against a fake beacon node at ${fork}`, function () {
    this.timeout(60_000);
    const postAltair = ForkSeq[fork] >= ForkSeq.altair;
    let chain: TestChain;
    let s: ReturnType<typeof setup>;

    before(async () => {
      chain = new TestChain(fork, VALIDATORS);
      s = setup(chain);
      await s.duties.ensureEpoch(0);
    });

    it("fetches indices and the epoch's duties once, and subscribes to the committees' subnets", async () => {
      await s.duties.ensureEpoch(0);
      const {node} = s;
      assert.equal(node.callsOf("postStateValidators").length, 1);
      assert.deepEqual(s.store.indices(), Array.from({length: VALIDATORS}, (_, i) => i));
      assert.deepEqual(node.callsOf("getProposerDuties"), [{epoch: 0}]);
      assert.deepEqual(node.callsOf("getAttesterDuties").map((a) => a.epoch), [0, 1]);
      assert.equal(node.callsOf("getSyncCommitteeDuties").length, postAltair ? 1 : 0);
      assert.equal(node.callsOf("prepareSyncCommitteeSubnets").length, postAltair ? 1 : 0);
      // every active validator attests once per epoch
      const subscriptions = node.callsOf("prepareBeaconCommitteeSubnet").flatMap((a) => a.subscriptions as {slot: number; isAggregator: boolean}[]);
      assert.equal(subscriptions.length, 2 * VALIDATORS);
      // committees smaller than TARGET_AGGREGATORS_PER_COMMITTEE: every member aggregates
      assert.ok(subscriptions.every((x) => x.isAggregator));
      const preparations = node.callsOf("prepareBeaconProposer")[0].preparations as {validatorIndex: number; feeRecipient: Uint8Array}[];
      assert.equal(preparations.length, VALIDATORS);
      assert.deepEqual(s.duties.proposersAt(2).map((d) => d.validatorIndex), [chain.proposerAt(2)]);
      assert.equal(s.duties.attestersAt(3).length, committeesAt(chain, 3).flat().length);
    });

    it("proposes: RANDAO reveal, produceBlockV3, a signature getBlockSignatureSets accepts, publishBlockV2", async () => {
      const slot = 2;
      const [duty] = s.duties.proposersAt(slot);
      const root = await s.blocks.propose(duty);
      const [produce] = s.node.callsOf("produceBlockV3");
      assert.equal(produce.slot, slot);
      assert.deepEqual(produce.graffiti, new Uint8Array(32).fill(0x68));
      const [publish] = s.node.callsOf("publishBlockV2");
      assert.equal(publish.fork, fork);
      const published = publish.signedBlock as SignedBeaconBlockAllForks | AnySignedBlockContents;
      const signed = ("signedBlock" in published ? published.signedBlock : published) as SignedBeaconBlockAllForks;
      assert.equal("signedBlock" in published, ForkSeq[fork] >= ForkSeq.deneb);
      assert.equal(signed.message.slot, slot);
      assert.equal(verifySignatureSets(getBlockSignatureSets(chain.stateAt(slot), signed)), true);
      const blockType = sszTypesFor(fork).BeaconBlock as unknown as Type<typeof signed.message>;
      assert.equal(toHex(root), toHex(blockType.hashTreeRoot(signed.message)));
    });

    it("attests once per slot with one validator per message, in the fork's shape", async () => {
      const slot = 3;
      const first = await s.attestations.attest(slot);
      const second = await s.attestations.attest(slot);
      assert.equal(first, second);
      const submits = s.node.callsOf("submitPoolAttestationsV2");
      assert.equal(submits.length, 1);
      assert.equal(submits[0].fork, fork);
      const submitted = s.node.submittedAttestations(slot);
      const committees = committeesAt(chain, slot);
      assert.equal(submitted.length, committees.flat().length);
      for (const a of submitted) {
        assert.equal("attesterIndex" in a, ForkSeq[fork] >= ForkSeq.electra);
        if (!("attesterIndex" in a)) assert.equal(a.aggregationBits.getTrueBitIndexes().length, 1);
        assert.equal(verifySignatureSets([getAttestationSignatureSet(chain.stateAt(slot), asAttestation(chain, a))]), true);
      }
      // one data per committee before electra, one for all from electra (index 0)
      const produce = s.node.callsOf("produceAttestationData").filter((a) => a.slot === slot);
      assert.equal(produce.length, ForkSeq[fork] >= ForkSeq.electra ? 1 : committees.length);
    });

    it("aggregates: selection proof, aggregate from the node, AggregateAndProof signed with the spec's domain", async () => {
      const slot = 3;
      await s.attestations.aggregate(slot);
      const [publish] = s.node.callsOf("publishAggregateAndProofsV2");
      assert.equal(publish.fork, fork);
      const signed = publish.signedAggregateAndProofs as AnySignedAggregateAndProof[];
      const committees = committeesAt(chain, slot);
      assert.equal(signed.length, committees.flat().length);
      const cs = chain.stateAt(slot);
      const type = (ForkSeq[fork] >= ForkSeq.electra ? electra.AggregateAndProof : phase0.AggregateAndProof) as Type<AnySignedAggregateAndProof["message"]>;
      for (const {message, signature} of signed) {
        const pubkey = secretKeys[message.aggregatorIndex].toPublicKey();
        const selectionRoot = computeSigningRoot(ssz.Slot, slot, util.getDomain(cs.state, DOMAIN_SELECTION_PROOF, 0));
        assert.equal(verify(pubkey, selectionRoot, message.selectionProof), true);
        const root = computeSigningRoot(type, message, util.getDomain(cs.state, DOMAIN_AGGREGATE_AND_PROOF, 0));
        assert.equal(verify(pubkey, root, signature), true);
        const committee = committees.find((c) => c.includes(message.aggregatorIndex)) as number[];
        assert.equal(message.aggregate.aggregationBits.getTrueBitIndexes().length, committee.length);
        assert.equal(verifySignatureSets([getAttestationSignatureSet(cs, message.aggregate)]), true);
      }
      // one aggregate fetched per committee, however many aggregators it has
      assert.equal(s.node.callsOf("getAggregatedAttestationV2").length, committees.length);
    });

    it("refetches duties when a head event's dependent root differs, and only then", async () => {
      const before = s.node.calls.length;
      const head = {
        slot: 4,
        block: chain.genesisRoot,
        state: chain.genesisRoot,
        epochTransition: false,
        previousDutyDependentRoot: s.node.dependentRoot,
        currentDutyDependentRoot: s.node.dependentRoot,
        executionOptimistic: false,
      };
      await s.duties.onHead(head);
      assert.equal(s.node.calls.length, before);
      const moved = new Uint8Array(32).fill(9);
      s.node.dependentRoot = moved;
      await s.duties.onHead({...head, currentDutyDependentRoot: moved});
      const refetched = s.node.calls.slice(before).map((c) => `${c.method}:${String(c.args.epoch ?? "")}`);
      assert.deepEqual(refetched.filter((m) => !m.startsWith("prepare")).sort(), ["getAttesterDuties:1", "getProposerDuties:0"]);
      await s.duties.onHead({...head, previousDutyDependentRoot: moved, currentDutyDependentRoot: moved});
      const again = s.node.calls.slice(before).filter((c) => c.method.startsWith("get"));
      assert.deepEqual(again.map((c) => `${c.method}:${String(c.args.epoch)}`), ["getProposerDuties:0", "getAttesterDuties:1", "getAttesterDuties:0"]);
    });

    it("refetches duties of epochs past the head's when the head block changes (a head lagging the clock)", async () => {
      // Duties of an epoch after the head's were computed on the head advanced through empty slots.
      s.node.dependentRoot = Uint8Array.from(chain.genesisRoot);
      await s.duties.fetchProposers(3);
      const head = {
        slot: 4,
        block: chain.genesisRoot,
        state: chain.genesisRoot,
        epochTransition: false,
        previousDutyDependentRoot: chain.genesisRoot,
        currentDutyDependentRoot: chain.genesisRoot,
        executionOptimistic: false,
      };
      // duties fetched under other roots by the tests before are brought up to date first
      await s.duties.onHead(head);
      const before = s.node.calls.length;
      await s.duties.onHead(head);
      assert.equal(s.node.calls.slice(before).filter((c) => c.method === "getProposerDuties").length, 0, "same head block: nothing stale");
      const late = new Uint8Array(32).fill(7);
      s.node.dependentRoot = late;
      await s.duties.onHead({...head, block: late});
      const refetched = s.node.calls.slice(before).filter((c) => c.method === "getProposerDuties").map((c) => Number(c.args.epoch));
      assert.ok(refetched.includes(3), `epoch 3's proposers refetched, got ${JSON.stringify(refetched)}`);
    });

    if (!postAltair) {
      it("has no sync committee duties before altair", async () => {
        await s.sync.produceMessages(5);
        assert.equal(s.node.callsOf("getBlockRoot").length, 0);
      });
      return;
    }

    it("signs sync committee messages over the head root: the next block's sync aggregate verifies", async () => {
      const slot = 5;
      await s.sync.produceMessages(slot);
      const messages = s.node.callsOf("submitPoolSyncCommitteeSignatures").flatMap((a) => a.signatures as ValueOf<typeof altair.SyncCommitteeMessage>[]);
      const members = s.duties.syncDutiesAt(slot);
      assert.ok(members.length > 0);
      assert.equal(messages.length, members.length);
      const next = chain.stateAt(slot + 1);
      const committee = (next.state as BeaconStatePostAltair).currentSyncCommittee.pubkeys.getAllReadonly();
      const bits = BitArray.fromBitLen(SYNC_COMMITTEE_SIZE);
      const signatures: Signature[] = [];
      for (let i = 0; i < committee.length; i++) {
        const index = next.epochCtx.pubkeyCache.getIndex(next.state, committee[i]);
        const message = messages.find((m) => m.validatorIndex === index);
        if (message === undefined) continue;
        bits.set(i, true);
        signatures.push(Signature.fromBytes(message.signature));
      }
      const set = getSyncAggregateSignatureSet(next, {syncCommitteeBits: bits, syncCommitteeSignature: aggregateSignatures(signatures).toBytes()});
      assert.ok(set !== null);
      assert.equal(verifySignatureSets([set]), true);
    });

    it("publishes contributions for the members its sync selection proofs make aggregators", async () => {
      const slot = 5;
      await s.sync.produceContributions(slot);
      const cs = chain.stateAt(slot);
      const published = s.node.callsOf("publishContributionAndProofs").flatMap((a) => a.contributionAndProofs as ValueOf<typeof altair.SignedContributionAndProof>[]);
      // which members aggregate follows from the interop keys: count them independently
      let expected = 0;
      for (const duty of s.duties.syncDutiesAt(slot)) {
        const subnets = new Set(duty.validatorSyncCommitteeIndices.map((i) => Math.floor(i / (SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT))));
        for (const sub of subnets) {
          const root = computeSigningRoot(altair.SyncAggregatorSelectionData, {slot, subcommitteeIndex: sub}, util.getDomain(cs.state, DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, 0));
          if (isSyncCommitteeAggregator(secretKeys[duty.validatorIndex].sign(root).toBytes())) expected++;
        }
      }
      assert.ok(expected > 0);
      assert.equal(published.length, expected);
      const messageRoot = computeSigningRoot(ssz.Root, chain.genesisRoot, util.getDomain(cs.state, DOMAIN_SYNC_COMMITTEE, 0));
      for (const {message, signature} of published) {
        const pubkey = secretKeys[message.aggregatorIndex].toPublicKey();
        const root = computeSigningRoot(altair.ContributionAndProof, message, util.getDomain(cs.state, DOMAIN_CONTRIBUTION_AND_PROOF, 0));
        assert.equal(verify(pubkey, root, signature), true);
        const {contribution} = message;
        const size = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;
        const committee = (cs.state as BeaconStatePostAltair).currentSyncCommittee.pubkeys.getAllReadonly();
        const pubkeys = contribution.aggregationBits.getTrueBitIndexes().map((i) => committee[contribution.subcommitteeIndex * size + i]);
        assert.equal(fastAggregateVerify(pubkeys, messageRoot, contribution.signature), true);
      }
    });
  });
}

describe("duty edge cases", function () {
  this.timeout(60_000);

  it("refuses attestation data whose index is not 0 from electra, and logs it", async () => {
    const logger = recordingLogger();
    const chain = new TestChain("electra", VALIDATORS);
    const s = setup(chain, logger);
    s.node.attestationDataIndex = (committeeIndex) => committeeIndex + 1;
    await s.duties.ensureEpoch(0);
    await s.attestations.attest(3);
    assert.equal(s.node.callsOf("submitPoolAttestationsV2").length, 0);
    const error = logger.lines.find((l) => l.level === "error");
    assert.equal(error?.msg, "Attestation failed");
    assert.match(String(error?.ctx?.error), /VALIDATOR_ERROR_UNEXPECTED_RESPONSE/);
  });

  it("keeps asking for the index of a key the node does not know yet, and only for it", async () => {
    const chain = new TestChain("phase0", 16);
    const node = new FakeNode(chain);
    const unknown = SecretKey.fromKeygen(new Uint8Array(32).fill(5));
    const store = new ValidatorStore([...secretKeys.slice(0, 16), unknown].map((sk) => createLocalSigner(sk, chain.config)));
    const duties = new DutiesService({api: node.api, store, config: chain.config});
    await duties.ensureEpoch(0);
    await duties.ensureEpoch(1);
    const asked = node.callsOf("postStateValidators").map((a) => (a.query as {ids: string[]}).ids);
    assert.deepEqual(asked.map((ids) => ids.length), [17, 1]);
    assert.equal(asked[1][0], toHex(unknown.toPublicKey().toBytes()));
    assert.equal(store.indices().length, 16);
    assert.equal(store.signerOf(unknown.toPublicKey().toBytes())?.pubkey.length, 48);
  });

  it("retries an epoch whose duties could not be fetched, at the next call", async () => {
    const logger = recordingLogger();
    const chain = new TestChain("phase0", 16);
    const node = new FakeNode(chain);
    let failures = 1;
    const api = {
      ...node.api,
      getProposerDuties: async (...args: Parameters<typeof node.api.getProposerDuties>) => {
        if (failures-- > 0) throw new Error("node busy");
        return node.api.getProposerDuties(...args);
      },
    };
    const store = new ValidatorStore(secretKeys.slice(0, 16).map((sk) => createLocalSigner(sk, chain.config)));
    const duties = new DutiesService({api, store, config: chain.config, logger});
    await duties.ensureEpoch(0);
    assert.deepEqual(duties.proposersAt(1), []);
    const problems = logger.lines.filter((l) => l.level === "warn" || l.level === "error");
    assert.deepEqual(problems.map((l) => [l.level, l.msg, l.ctx?.error]), [["warn", "Duties fetch failed", "node busy"]]);
    await duties.ensureEpoch(0);
    assert.equal(duties.proposersAt(1)[0]?.validatorIndex, chain.proposerAt(1));
  });
});
