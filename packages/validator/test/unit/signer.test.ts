import {strict as assert} from "node:assert";
import {BitArray, type Type} from "@chainsafe/ssz";
import {
  DOMAIN_AGGREGATE_AND_PROOF,
  DOMAIN_CONTRIBUTION_AND_PROOF,
  DOMAIN_SELECTION_PROOF,
  DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF,
  FORK_NAMES,
  ForkSeq,
  MAX_COMMITTEES_PER_SLOT,
  SLOTS_PER_HISTORICAL_ROOT,
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
} from "@hearth/params";
import {computeSigningRoot} from "@hearth/config";
import {altair, electra, phase0, ssz} from "@hearth/types";
import {Signature, aggregateSignatures, verify, verifySignatureSets} from "@hearth/bls";
import {
  getAttestationSignatureSet,
  getBlockSignatureSets,
  getSyncAggregateSignatureSet,
  interopSecretKeys,
  util,
  verifyBlockSignature,
  type BeaconStatePostAltair,
} from "@hearth/state-transition";
import {
  RequestSigner,
  ValidatorError,
  ValidatorErrorCode,
  computeMessageSigningRoot,
  createLocalSigner,
  type AggregateAndProofAllForks,
  type SigningRequest,
} from "../../src/index.js";
import {TestChain} from "./helpers/chain.js";

const VALIDATORS = 64;
const secretKeys = interopSecretKeys(VALIDATORS);

function aggregate(signatures: Uint8Array[]): Uint8Array {
  return aggregateSignatures(signatures.map((s) => Signature.fromBytes(s))).toBytes();
}

async function rejectsWith(p: Promise<unknown>, code: ValidatorErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof ValidatorError && e.code === code);
}

for (const fork of FORK_NAMES) {
  describe(`local signer at ${fork}: signatures the state transition accepts`, function () {
    this.timeout(60_000);
    let chain: TestChain;
    let signers: RequestSigner[];
    const postAltair = ForkSeq[fork] >= ForkSeq.altair;
    const postElectra = ForkSeq[fork] >= ForkSeq.electra;

    before(() => {
      chain = new TestChain(fork, VALIDATORS);
      signers = secretKeys.map((sk) => createLocalSigner(sk, chain.config));
    });

    it("signs a block and its RANDAO reveal: getBlockSignatureSets and verifyBlockSignature accept them", async () => {
      const slot = 3;
      const proposer = chain.proposerAt(slot);
      const {fork: blockFork, block} = chain.blockAt(slot, await signers[proposer].signRandao(0));
      assert.equal(blockFork, fork);
      const signed = {message: block, signature: await signers[proposer].signBlock(fork, block)};
      const cs = chain.stateAt(slot);
      assert.equal(verifyBlockSignature(cs, signed), true);
      const sets = getBlockSignatureSets(cs, signed);
      assert.equal(sets.length, 2);
      assert.equal(verifySignatureSets(sets), true);

      const other = (proposer + 1) % VALIDATORS;
      assert.equal(verifyBlockSignature(cs, {message: block, signature: await signers[other].signBlock(fork, block)}), false);
      const badRandao = chain.blockAt(slot, await signers[other].signRandao(0)).block;
      assert.equal(verifySignatureSets(getBlockSignatureSets(cs, {message: badRandao, signature: await signers[proposer].signBlock(fork, badRandao)})), false);
    });

    it("signs attestation data: process_attestation's signature set verifies the committee's aggregate", async () => {
      const slot = 5;
      const cs = chain.stateAt(slot);
      const committee = Array.from(cs.epochCtx.getBeaconCommittee(slot, 0));
      assert.ok(committee.length >= 2);
      const data: phase0.AttestationData = {
        slot,
        index: 0,
        beaconBlockRoot: chain.genesisRoot,
        source: cs.state.currentJustifiedCheckpoint.toValue(),
        target: {epoch: 0, root: chain.genesisRoot},
      };
      const signature = aggregate(await Promise.all(committee.map((i) => signers[i].signAttestation(data))));
      const aggregationBits = BitArray.fromBoolArray(committee.map(() => true));
      const attestation: phase0.Attestation | electra.Attestation = postElectra
        ? {aggregationBits, data, signature, committeeBits: BitArray.fromSingleBit(MAX_COMMITTEES_PER_SLOT, 0)}
        : {aggregationBits, data, signature};
      assert.equal(verifySignatureSets([getAttestationSignatureSet(cs, attestation)]), true);
      // another target epoch is another domain and root
      const moved = {...data, target: {epoch: 1, root: chain.genesisRoot}};
      const wrong = aggregate(await Promise.all(committee.map((i) => signers[i].signAttestation(moved))));
      assert.equal(verifySignatureSets([getAttestationSignatureSet(cs, {...attestation, signature: wrong})]), false);
    });

    it("signs selection proofs and aggregates with get_slot_signature's and get_aggregate_and_proof_signature's roots", async () => {
      const slot = 7;
      const cs = chain.stateAt(slot);
      const index = cs.epochCtx.getBeaconCommittee(slot, 0)[0];
      const pubkey = secretKeys[index].toPublicKey();
      const selectionProof = await signers[index].signSelectionProof(slot);
      const slotRoot = computeSigningRoot(ssz.Slot, slot, util.getDomain(cs.state, DOMAIN_SELECTION_PROOF, 0));
      assert.equal(verify(pubkey, slotRoot, selectionProof), true);

      const type = (postElectra ? electra.AggregateAndProof : phase0.AggregateAndProof) as Type<AggregateAndProofAllForks>;
      const message = type.defaultValue();
      message.aggregatorIndex = index;
      message.aggregate.data.slot = slot;
      message.selectionProof = selectionProof;
      const signature = await signers[index].signAggregateAndProof(fork, message);
      const root = computeSigningRoot(type, message, util.getDomain(cs.state, DOMAIN_AGGREGATE_AND_PROOF, 0));
      assert.equal(verify(pubkey, root, signature), true);
      const otherFork = FORK_NAMES[(ForkSeq[fork] + 1) % FORK_NAMES.length];
      await rejectsWith(signers[index].signAggregateAndProof(otherFork, message), ValidatorErrorCode.FORK_MISMATCH);
    });

    if (!postAltair) {
      it("refuses sync committee messages before altair", async () => {
        await rejectsWith(signers[0].signSyncCommitteeMessage(1, chain.genesisRoot), ValidatorErrorCode.FORK_MISMATCH);
        await rejectsWith(signers[0].signSyncSelectionProof(1, 0), ValidatorErrorCode.FORK_MISMATCH);
      });
      return;
    }

    it("signs sync committee messages: the next block's sync aggregate verifies", async () => {
      const slot = 6;
      const next = chain.stateAt(slot + 1);
      const state = next.state as BeaconStatePostAltair;
      const blockRoot = state.blockRoots.get(slot % SLOTS_PER_HISTORICAL_ROOT);
      const positions = [0, 1, 5, 17];
      const bits = BitArray.fromBitLen(SYNC_COMMITTEE_SIZE);
      const signatures: Uint8Array[] = [];
      for (const p of positions) {
        const index = next.epochCtx.pubkeyCache.getIndex(next.state, state.currentSyncCommittee.pubkeys.get(p)) as number;
        signatures.push(await signers[index].signSyncCommitteeMessage(slot, blockRoot));
        bits.set(p, true);
      }
      const set = getSyncAggregateSignatureSet(next, {syncCommitteeBits: bits, syncCommitteeSignature: aggregate(signatures)});
      assert.ok(set !== null);
      assert.equal(verifySignatureSets([set]), true);
    });

    it("signs sync selection proofs and contributions with the altair validator.md roots", async () => {
      const slot = 9;
      const cs = chain.stateAt(slot);
      const subcommitteeIndex = SYNC_COMMITTEE_SUBNET_COUNT - 1;
      const pubkey = secretKeys[4].toPublicKey();
      const proof = await signers[4].signSyncSelectionProof(slot, subcommitteeIndex);
      const selectionRoot = computeSigningRoot(
        altair.SyncAggregatorSelectionData,
        {slot, subcommitteeIndex},
        util.getDomain(cs.state, DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, 0),
      );
      assert.equal(verify(pubkey, selectionRoot, proof), true);

      const message = altair.ContributionAndProof.defaultValue();
      message.aggregatorIndex = 4;
      message.contribution.slot = slot;
      message.contribution.subcommitteeIndex = subcommitteeIndex;
      message.selectionProof = proof;
      const signature = await signers[4].signContributionAndProof(message);
      const root = computeSigningRoot(altair.ContributionAndProof, message, util.getDomain(cs.state, DOMAIN_CONTRIBUTION_AND_PROOF, 0));
      assert.equal(verify(pubkey, root, signature), true);
    });
  });
}

describe("RequestSigner", () => {
  it("hands the message and its signing root to the sign function, and checks the fork before", async () => {
    const chain = new TestChain("altair", VALIDATORS);
    const requests: SigningRequest[] = [];
    const pubkey = secretKeys[0].toPublicKey().toBytes();
    const signer = new RequestSigner(pubkey, chain.config, async (request) => {
      requests.push(request);
      return secretKeys[0].sign(request.signingRoot).toBytes();
    });
    const data = {slot: 2, index: 0, beaconBlockRoot: chain.genesisRoot, source: {epoch: 0, root: new Uint8Array(32)}, target: {epoch: 0, root: chain.genesisRoot}};
    await signer.signAttestation(data);
    await signer.signRandao(0);
    assert.deepEqual(requests.map((r) => r.message.type), ["attestation", "randao"]);
    assert.deepEqual(requests[0].message, {type: "attestation", data});
    assert.deepEqual(requests[0].signingRoot, computeMessageSigningRoot(chain.config, {type: "attestation", data}));
    assert.deepEqual(requests[0].pubkey, pubkey);

    const {block} = chain.blockAt(1, new Uint8Array(96));
    await rejectsWith(signer.signBlock("phase0", block), ValidatorErrorCode.FORK_MISMATCH);
    assert.equal(requests.length, 2, "a refused message never reaches the sign function");
  });
});
