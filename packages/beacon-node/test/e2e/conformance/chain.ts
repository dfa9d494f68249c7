// The dev chain the conformance test talks to: a fulu genesis on the minimal preset, driven by hand
// through a few epochs (blocks, attestations, sync messages) to finality, served by the node's API
// implementation on a free port. Signers make valid operations for the POST routes.
import {BitArray, type ValueOf} from "@chainsafe/ssz";
import {createBeaconApiServer, type BeaconApiServer} from "@hearth/api";
import {computeDomain, computeSigningRoot, fromHex} from "@hearth/config";
import {
  DOMAIN_AGGREGATE_AND_PROOF,
  DOMAIN_BEACON_ATTESTER,
  DOMAIN_BEACON_PROPOSER,
  DOMAIN_BLS_TO_EXECUTION_CHANGE,
  DOMAIN_CONTRIBUTION_AND_PROOF,
  DOMAIN_SELECTION_PROOF,
  DOMAIN_SYNC_COMMITTEE,
  DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF,
  DOMAIN_VOLUNTARY_EXIT,
  SYNC_COMMITTEE_SIZE,
  SYNC_COMMITTEE_SUBNET_COUNT,
} from "@hearth/params";
import {util} from "@hearth/state-transition";
import {altair, capella, electra, phase0, ssz} from "@hearth/types";
import {createBeaconApiImpl, type BeaconApiImplHandle} from "../../../src/api/index.js";
import {DevHarness} from "../../unit/chain/harness.js";

export const VALIDATORS = 64;

export interface ConformanceChain {
  h: DevHarness;
  impl: BeaconApiImplHandle;
  server: BeaconApiServer;
  url: string;
  close(): Promise<void>;
}

export async function startConformanceChain(slots: number): Promise<ConformanceChain> {
  // exits need SHARD_COMMITTEE_PERIOD epochs of activity; 0 lets a young chain accept a valid one
  // one blob per block: the blob, column and data_column_sidecar routes and events have data to show
  const h = await DevHarness.create({fork: "fulu", validatorCount: VALIDATORS, blobsPerBlock: 1, configOverrides: {SHARD_COMMITTEE_PERIOD: 0}});
  // a supernode's custody: every column is stored, so getBlobs can rebuild blobs from columns
  h.chain.dataAvailability.setCustody({nodeId: 0n, supernode: true});
  for (let slot = 1; slot <= slots; slot++) await h.runSlot(slot);
  // the clock moves into the next slot, which has no block yet: production and duties target it
  h.setSlot(slots + 1);
  await h.attest(slots);
  const impl = createBeaconApiImpl({chain: h.chain, version: "0.1.0"});
  const server = createBeaconApiServer({implementation: impl, host: "127.0.0.1", port: 0});
  const {url} = await server.listen();
  return {
    h,
    impl,
    server,
    url,
    async close() {
      impl.close();
      await server.close();
      await h.chain.stop();
    },
  };
}

/** Signed operations over the dev chain's interop keys. */
export class Signers {
  constructor(readonly h: DevHarness) {}

  private sign(index: number, root: Uint8Array): Uint8Array {
    return this.h.keys[index].sign(root).toBytes();
  }

  voluntaryExit(validatorIndex: number) {
    const epoch = this.h.chain.clock.currentEpoch;
    const message = {epoch, validatorIndex};
    // from deneb, exits are signed with the capella fork version for good (EIP-7044)
    const domain = computeDomain(DOMAIN_VOLUNTARY_EXIT, this.h.config.CAPELLA_FORK_VERSION, this.h.chain.genesisValidatorsRoot);
    return {message, signature: this.sign(validatorIndex, computeSigningRoot(phase0.VoluntaryExit, message, domain))};
  }

  proposerSlashing(proposerIndex: number) {
    const slot = 1;
    const domain = this.h.domain(DOMAIN_BEACON_PROPOSER, 0);
    const header = (bodyByte: number) => {
      const message = {slot, proposerIndex, parentRoot: new Uint8Array(32), stateRoot: new Uint8Array(32), bodyRoot: new Uint8Array(32).fill(bodyByte)};
      return {message, signature: this.sign(proposerIndex, computeSigningRoot(phase0.BeaconBlockHeader, message, domain))};
    };
    return {signedHeader1: header(1), signedHeader2: header(2)};
  }

  attesterSlashing(validatorIndex: number) {
    const epoch = this.h.chain.clock.currentEpoch;
    const domain = this.h.domain(DOMAIN_BEACON_ATTESTER, epoch);
    const indexed = (rootByte: number): electra.IndexedAttestation => {
      const cp = {epoch, root: new Uint8Array(32).fill(rootByte)};
      const data = {slot: util.computeStartSlotAtEpoch(epoch), index: 0, beaconBlockRoot: new Uint8Array(32).fill(rootByte), source: {epoch: 0, root: new Uint8Array(32)}, target: cp};
      return {attestingIndices: [validatorIndex], data, signature: this.sign(validatorIndex, computeSigningRoot(phase0.AttestationData, data, domain))};
    };
    return {attestation1: indexed(1), attestation2: indexed(2)};
  }

  /** Interop withdrawal credentials are 0x00 + sha256(pubkey)[1:]: the validator's own key signs the change. */
  blsChange(validatorIndex: number) {
    const message = {validatorIndex, fromBlsPubkey: this.h.keys[validatorIndex].toPublicKey().toBytes(), toExecutionAddress: new Uint8Array(20).fill(0x42)};
    // signed with the genesis fork version (capella beacon-chain.md process_bls_to_execution_change)
    const domain = computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, this.h.config.GENESIS_FORK_VERSION, this.h.chain.genesisValidatorsRoot);
    return {message, signature: this.sign(validatorIndex, computeSigningRoot(capella.BLSToExecutionChange, message, domain))};
  }

  async singleAttestation() {
    const slot = this.h.chain.clock.currentSlot;
    const epoch = util.computeEpochAtSlot(slot);
    const duty = (await this.h.chain.getAttesterDuties(epoch, this.h.keys.map((_, i) => i))).duties.find((d) => d.slot === slot);
    if (duty === undefined) throw new Error(`no attester at slot ${slot}`);
    const data = await this.h.chain.getAttestationData(slot, 0);
    const signature = this.sign(duty.validatorIndex, computeSigningRoot(phase0.AttestationData, data, this.h.domain(DOMAIN_BEACON_ATTESTER, epoch)));
    return {committeeIndex: duty.committeeIndex, attesterIndex: duty.validatorIndex, data, signature};
  }

  /** An aggregate of the head slot's committee 0 by one of its members (minimal's committees make every member an aggregator). */
  async aggregateAndProof() {
    const slot = this.h.chain.head.node.slot;
    const epoch = util.computeEpochAtSlot(slot);
    const duty = (await this.h.chain.getAttesterDuties(epoch, this.h.keys.map((_, i) => i))).duties.find((d) => d.slot === slot && d.committeeIndex === 0);
    if (duty === undefined) throw new Error(`no committee 0 member at slot ${slot}`);
    const data = await this.h.chain.getAttestationData(slot, 0);
    const aggregate = this.h.chain.getAggregate(slot, "0x" + Buffer.from(phase0.AttestationData.hashTreeRoot(data)).toString("hex"), 0) as ValueOf<typeof electra.Attestation> | null;
    if (aggregate === null) throw new Error(`no aggregate at slot ${slot}`);
    const selectionProof = this.sign(duty.validatorIndex, computeSigningRoot(ssz.Slot, slot, this.h.domain(DOMAIN_SELECTION_PROOF, epoch)));
    const message = {aggregatorIndex: duty.validatorIndex, aggregate, selectionProof};
    return {message, signature: this.sign(duty.validatorIndex, computeSigningRoot(electra.AggregateAndProof, message, this.h.domain(DOMAIN_AGGREGATE_AND_PROOF, epoch)))};
  }

  private async syncMember(): Promise<{validatorIndex: number; position: number}> {
    const epoch = this.h.chain.clock.currentEpoch;
    const duty = (await this.h.chain.getSyncCommitteeDuties(epoch, this.h.keys.map((_, i) => i))).duties[0];
    return {validatorIndex: duty.validatorIndex, position: duty.validatorSyncCommitteeIndices[0]};
  }

  async syncCommitteeMessage() {
    const slot = this.h.chain.clock.currentSlot;
    const {validatorIndex} = await this.syncMember();
    const beaconBlockRoot = fromHex(this.h.chain.head.node.blockRoot);
    const signingRoot = computeSigningRoot(ssz.Root, beaconBlockRoot, this.h.domain(DOMAIN_SYNC_COMMITTEE, util.computeEpochAtSlot(slot)));
    return {slot, beaconBlockRoot, validatorIndex, signature: this.sign(validatorIndex, signingRoot)};
  }

  /** A contribution of the member's subcommittee, its one signature aggregated (every member is an aggregator on minimal). */
  async contributionAndProof() {
    const message = await this.syncCommitteeMessage();
    const {validatorIndex, position} = await this.syncMember();
    const subSize = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;
    const subcommitteeIndex = Math.floor(position / subSize);
    const epoch = util.computeEpochAtSlot(message.slot);
    const contribution = {
      slot: message.slot,
      beaconBlockRoot: message.beaconBlockRoot,
      subcommitteeIndex,
      aggregationBits: BitArray.fromSingleBit(subSize, position % subSize),
      signature: message.signature,
    };
    const selectionData = {slot: message.slot, subcommitteeIndex};
    const selectionProof = this.sign(validatorIndex, computeSigningRoot(altair.SyncAggregatorSelectionData, selectionData, this.h.domain(DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, epoch)));
    const cp = {aggregatorIndex: validatorIndex, contribution, selectionProof};
    return {message: cp, signature: this.sign(validatorIndex, computeSigningRoot(altair.ContributionAndProof, cp, this.h.domain(DOMAIN_CONTRIBUTION_AND_PROOF, epoch)))};
  }
}
