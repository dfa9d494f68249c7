// A fake beacon node behind the ValidatorApi interface: duties, attestation data and blocks from a
// real interop chain (TestChain), and a record of every call, so that tests can check what the
// validator client sent and verify its signatures with the state transition's own code.
import {BitArray, type ValueOf} from "@chainsafe/ssz";
import {MAX_COMMITTEES_PER_SLOT, SLOTS_PER_EPOCH, SYNC_COMMITTEE_SIZE, SYNC_COMMITTEE_SUBNET_COUNT, isForkAtLeast, type ForkName} from "@hearth/params";
import {bytesEqual, chainConfigToJson, toHex} from "@hearth/config";
import {phase0, type altair, type electra} from "@hearth/types";
import {Signature, aggregateSignatures} from "@hearth/bls";
import {
  ApiClientError,
  ApiClientErrorCode,
  subscriptionIterable,
  type AnySignedBlockContents,
  type BeaconEvent,
  type EventTopic,
  type PublishedBlock,
} from "@hearth/api";
import type {BeaconStatePostAltair, SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {ValidatorApi} from "../../../src/index.js";
import type {TestChain} from "./chain.js";

export interface Call {
  method: string;
  args: Record<string, unknown>;
}

function ok<D, M = Record<string, never>>(data: D, meta?: M): {status: number; data: D; meta: M} {
  return {status: 200, data, meta: (meta ?? {}) as M};
}

/** The signed block of a publishBlockV2 body, with or without blobs beside it. */
export function signedBlockOf(published: PublishedBlock): SignedBeaconBlockAllForks {
  const p = published as SignedBeaconBlockAllForks | AnySignedBlockContents;
  return ("signedBlock" in p ? p.signedBlock : p) as SignedBeaconBlockAllForks;
}

function aggregate(signatures: Uint8Array[]): Uint8Array {
  return aggregateSignatures(signatures.map((s) => Signature.fromBytes(s))).toBytes();
}

export class FakeNode {
  readonly calls: Call[] = [];
  private readonly listeners = new Set<(e: BeaconEvent) => void>();
  /** Dependent roots the node reports; tests change them to simulate a reorg. */
  dependentRoot = new Uint8Array(32).fill(1);
  /** Attestation data index the node answers with (a buggy node would ignore electra's index 0). */
  attestationDataIndex: ((committeeIndex: number) => number) | null = null;
  /** getGenesis fails this many times first, as a node that is not up yet. */
  genesisFailures = 0;
  /** Emit a head event for each published block, as a node that imports it would. */
  headOnPublish = false;

  constructor(
    readonly chain: TestChain,
    private readonly specOverrides: Record<string, string> = {},
  ) {}

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  emit(event: BeaconEvent): void {
    for (const l of this.listeners) l(event);
  }

  get eventSubscribers(): number {
    return this.listeners.size;
  }

  /** A head event for a block at `slot`, with the node's dependent root. */
  emitHead(slot: number): void {
    const root = this.chain.genesisRoot;
    const dependent = this.dependentRoot;
    const message = {slot, block: root, state: root, epochTransition: false, previousDutyDependentRoot: dependent, currentDutyDependentRoot: dependent, executionOptimistic: false};
    this.emit({type: "head", message});
  }

  private record(method: string, args: Record<string, unknown> = {}): void {
    this.calls.push({method, args});
  }

  private forkAt(slot: number): ForkName {
    return this.chain.config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH));
  }

  attestationData(slot: number, committeeIndex: number): phase0.AttestationData {
    const cs = this.chain.stateAt(slot);
    const index = this.attestationDataIndex?.(committeeIndex) ?? (isForkAtLeast(cs.fork, "electra") ? 0 : committeeIndex);
    const epoch = Math.floor(slot / SLOTS_PER_EPOCH);
    return {slot, index, beaconBlockRoot: this.chain.genesisRoot, source: cs.state.currentJustifiedCheckpoint.toValue(), target: {epoch, root: this.chain.genesisRoot}};
  }

  /** The API object handed to the validator client. */
  get api(): ValidatorApi {
    const chain = this.chain;
    const self = this;
    const genesis = chain.genesis;
    const impl = {
      async getGenesis() {
        self.record("getGenesis");
        if (self.genesisFailures-- > 0) throw new ApiClientError(ApiClientErrorCode.NETWORK, {operationId: "getGenesis", reason: "refused"});
        return ok({genesisTime: chain.genesisTime, genesisValidatorsRoot: genesis.state.genesisValidatorsRoot, genesisForkVersion: genesis.config.GENESIS_FORK_VERSION});
      },
      async getSpec() {
        self.record("getSpec");
        const json: Record<string, unknown> = {...chainConfigToJson(genesis.config), SLOTS_PER_EPOCH: String(SLOTS_PER_EPOCH), ...self.specOverrides};
        if ("SLOT_DURATION_MS" in self.specOverrides) delete json.SECONDS_PER_SLOT;
        return ok(json);
      },
      async postStateValidators(args: {stateId: string; query: {ids?: (string | number)[]}}) {
        self.record("postStateValidators", args);
        const ids = new Set((args.query.ids ?? []).map(String));
        const out = [];
        const validators = genesis.state.validators.getAllReadonlyValues();
        for (let index = 0; index < validators.length; index++) {
          const validator = validators[index];
          if (ids.has(toHex(validator.pubkey)) || ids.has(String(index))) out.push({index, balance: 32e9, status: "active_ongoing", validator});
        }
        return ok(out, {executionOptimistic: false, finalized: false});
      },
      async getProposerDuties(args: {epoch: number}) {
        self.record("getProposerDuties", args);
        const duties = [];
        const start = args.epoch * SLOTS_PER_EPOCH;
        for (let slot = Math.max(1, start); slot < start + SLOTS_PER_EPOCH; slot++) {
          const validatorIndex = chain.proposerAt(slot);
          duties.push({pubkey: genesis.state.validators.getReadonly(validatorIndex).pubkey, validatorIndex, slot});
        }
        return ok(duties, {dependentRoot: self.dependentRoot, executionOptimistic: false});
      },
      async getAttesterDuties(args: {epoch: number; indices: number[]}) {
        self.record("getAttesterDuties", args);
        const cs = chain.stateAt(args.epoch * SLOTS_PER_EPOCH);
        const wanted = new Set(args.indices);
        const duties = [];
        const shuffling = cs.epochCtx.getShuffling(args.epoch);
        for (let s = 0; s < SLOTS_PER_EPOCH; s++) {
          const committees = shuffling.committees[s];
          for (let committeeIndex = 0; committeeIndex < committees.length; committeeIndex++) {
            const committee = committees[committeeIndex];
            for (let i = 0; i < committee.length; i++) {
              if (!wanted.has(committee[i])) continue;
              duties.push({
                pubkey: genesis.state.validators.getReadonly(committee[i]).pubkey,
                validatorIndex: committee[i],
                committeeIndex,
                committeeLength: committee.length,
                committeesAtSlot: committees.length,
                validatorCommitteeIndex: i,
                slot: args.epoch * SLOTS_PER_EPOCH + s,
              });
            }
          }
        }
        return ok(duties, {dependentRoot: self.dependentRoot, executionOptimistic: false});
      },
      async getSyncCommitteeDuties(args: {epoch: number; indices: number[]}) {
        self.record("getSyncCommitteeDuties", args);
        const state = genesis.state as BeaconStatePostAltair;
        const pubkeys = state.currentSyncCommittee.pubkeys.getAllReadonly();
        const duties = [];
        for (const validatorIndex of args.indices) {
          const pubkey = genesis.state.validators.getReadonly(validatorIndex).pubkey;
          const positions = pubkeys.flatMap((p, i) => (bytesEqual(p, pubkey) ? [i] : []));
          if (positions.length > 0) duties.push({pubkey, validatorIndex, validatorSyncCommitteeIndices: positions});
        }
        return ok(duties, {executionOptimistic: false});
      },
      async prepareBeaconCommitteeSubnet(args: Record<string, unknown>) {
        self.record("prepareBeaconCommitteeSubnet", args);
        return ok(undefined);
      },
      async prepareSyncCommitteeSubnets(args: Record<string, unknown>) {
        self.record("prepareSyncCommitteeSubnets", args);
        return ok(undefined);
      },
      async prepareBeaconProposer(args: Record<string, unknown>) {
        self.record("prepareBeaconProposer", args);
        return ok(undefined);
      },
      async registerValidator(args: Record<string, unknown>) {
        self.record("registerValidator", args);
        return ok(undefined);
      },
      async produceBlockV3(args: {slot: number; randaoReveal: Uint8Array; graffiti?: Uint8Array}) {
        self.record("produceBlockV3", args);
        const {fork, block} = chain.blockAt(args.slot, args.randaoReveal, args.graffiti);
        const data = isForkAtLeast(fork, "deneb") ? {block, kzgProofs: [], blobs: []} : block;
        return ok(data, {version: fork, executionPayloadBlinded: false, executionPayloadValue: 0n, consensusBlockValue: 5n});
      },
      async publishBlockV2(args: {signedBlock: PublishedBlock}) {
        self.record("publishBlockV2", args);
        if (self.headOnPublish) self.emitHead(signedBlockOf(args.signedBlock).message.slot);
        return ok(undefined);
      },
      async produceAttestationData(args: {slot: number; committeeIndex: number}) {
        self.record("produceAttestationData", args);
        return ok(self.attestationData(args.slot, args.committeeIndex));
      },
      async submitPoolAttestationsV2(args: Record<string, unknown>) {
        self.record("submitPoolAttestationsV2", args);
        return ok(undefined);
      },
      async getAggregatedAttestationV2(args: {attestationDataRoot: Uint8Array; slot: number; committeeIndex: number}) {
        self.record("getAggregatedAttestationV2", args);
        return ok(self.aggregateOf(args.slot, args.committeeIndex, args.attestationDataRoot), {version: self.forkAt(args.slot)});
      },
      async publishAggregateAndProofsV2(args: Record<string, unknown>) {
        self.record("publishAggregateAndProofsV2", args);
        return ok(undefined);
      },
      async getBlockRoot(args: Record<string, unknown>) {
        self.record("getBlockRoot", args);
        return ok({root: chain.genesisRoot}, {executionOptimistic: false, finalized: false});
      },
      async submitPoolSyncCommitteeSignatures(args: Record<string, unknown>) {
        self.record("submitPoolSyncCommitteeSignatures", args);
        return ok(undefined);
      },
      async produceSyncCommitteeContribution(args: {slot: number; subcommitteeIndex: number; beaconBlockRoot: Uint8Array}) {
        self.record("produceSyncCommitteeContribution", args);
        return ok(self.contributionOf(args.slot, args.subcommitteeIndex, args.beaconBlockRoot));
      },
      async publishContributionAndProofs(args: Record<string, unknown>) {
        self.record("publishContributionAndProofs", args);
        return ok(undefined);
      },
      eventstream(topics: EventTopic[], opts: {signal?: AbortSignal} = {}) {
        self.record("eventstream", {topics});
        return subscriptionIterable<BeaconEvent>((push) => {
          self.listeners.add(push);
          return () => self.listeners.delete(push);
        }, opts.signal ?? new AbortController().signal);
      },
    };
    return impl as unknown as ValidatorApi;
  }

  /** Every attestation submitted for `slot`, as the validator client sent it. */
  submittedAttestations(slot: number): (phase0.Attestation | electra.SingleAttestation)[] {
    return this.callsOf("submitPoolAttestationsV2")
      .flatMap((a) => a.attestations as (phase0.Attestation | electra.SingleAttestation)[])
      .filter((a) => a.data.slot === slot);
  }

  /** The aggregate of the submitted attestations of one committee over data with `dataRoot`. */
  aggregateOf(slot: number, committeeIndex: number, dataRoot: Uint8Array): phase0.Attestation | electra.Attestation {
    const cs = this.chain.stateAt(slot);
    const committee = Array.from(cs.epochCtx.getBeaconCommittee(slot, committeeIndex));
    const bits = BitArray.fromBitLen(committee.length);
    const signatures: Uint8Array[] = [];
    let data: phase0.AttestationData | null = null;
    for (const a of this.submittedAttestations(slot)) {
      if (!bytesEqual(phase0.AttestationData.hashTreeRoot(a.data), dataRoot)) continue;
      const position = "attesterIndex" in a ? (a.committeeIndex === committeeIndex ? committee.indexOf(a.attesterIndex) : -1) : a.data.index === committeeIndex ? a.aggregationBits.getTrueBitIndexes()[0] : -1;
      if (position < 0) continue;
      bits.set(position, true);
      signatures.push(a.signature);
      data = a.data;
    }
    if (data === null) throw new Error(`no attestation for slot ${slot} committee ${committeeIndex}`);
    const signature = aggregate(signatures);
    if (!isForkAtLeast(cs.fork, "electra")) return {aggregationBits: bits, data, signature};
    return {aggregationBits: bits, data, signature, committeeBits: BitArray.fromSingleBit(MAX_COMMITTEES_PER_SLOT, committeeIndex)};
  }

  /** The contribution of the submitted sync committee messages of one subcommittee. */
  contributionOf(slot: number, subcommitteeIndex: number, beaconBlockRoot: Uint8Array): ValueOf<typeof altair.SyncCommitteeContribution> {
    const size = SYNC_COMMITTEE_SIZE / SYNC_COMMITTEE_SUBNET_COUNT;
    const cs = this.chain.stateAt(slot + 1);
    const pubkeys = (cs.state as BeaconStatePostAltair).currentSyncCommittee.pubkeys.getAllReadonly();
    const messages = this.callsOf("submitPoolSyncCommitteeSignatures")
      .flatMap((a) => a.signatures as ValueOf<typeof altair.SyncCommitteeMessage>[])
      .filter((m) => m.slot === slot && bytesEqual(m.beaconBlockRoot, beaconBlockRoot));
    const bits = BitArray.fromBitLen(size);
    const signatures: Uint8Array[] = [];
    for (let i = 0; i < size; i++) {
      const index = cs.epochCtx.pubkeyCache.getIndex(cs.state, pubkeys[subcommitteeIndex * size + i]);
      const message = messages.find((m) => m.validatorIndex === index);
      if (message === undefined) continue;
      bits.set(i, true);
      signatures.push(message.signature);
    }
    if (signatures.length === 0) throw new Error("no sync committee messages");
    return {slot, beaconBlockRoot, subcommitteeIndex, aggregationBits: bits, signature: aggregate(signatures)};
  }
}
