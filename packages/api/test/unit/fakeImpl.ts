// A fake beacon node behind the API: fixed data, and a record of what was submitted.
import {altair, deneb, electra, phase0, ssz} from "@hearth/types";
import {mainnetChainConfig, chainConfigToJson} from "@hearth/config";
import {ApiError, subscriptionIterable, type BeaconApiImpl, type BeaconEvent, type StateId} from "../../src/index.js";

export const ROOT_A = new Uint8Array(32).fill(0xaa);
export const ROOT_B = new Uint8Array(32).fill(0xbb);
export const KNOWN_STATES: StateId[] = ["head", "genesis", "finalized", "justified", 0, 1];

export function phase0Block(slot: number): phase0.SignedBeaconBlock {
  const block = phase0.SignedBeaconBlock.defaultValue();
  block.message.slot = slot;
  block.message.proposerIndex = 7;
  block.message.parentRoot = ROOT_A;
  block.signature = new Uint8Array(96).fill(3);
  return block;
}

export function denebBlock(slot: number): deneb.SignedBeaconBlock {
  const block = deneb.SignedBeaconBlock.defaultValue();
  block.message.slot = slot;
  block.message.body.blobKzgCommitments = [new Uint8Array(48).fill(9)];
  return block;
}

export function validator(index: number): phase0.Validator {
  return {...phase0.Validator.defaultValue(), pubkey: new Uint8Array(48).fill(index), effectiveBalance: 32e9, exitEpoch: Infinity, withdrawableEpoch: Infinity};
}

function notFoundState(stateId: StateId): never {
  throw new ApiError(404, `State not found: ${stateId}`);
}
function checkState(stateId: StateId): void {
  if (!KNOWN_STATES.includes(stateId)) notFoundState(stateId);
}

export interface FakeNode {
  /** The routes the fake answers; the newer ones are left to the beacon node's tests. */
  impl: Partial<BeaconApiImpl>;
  submitted: {name: string; args: unknown}[];
  emit(event: BeaconEvent): void;
  listeners(): number;
}

export function createFakeNode(): FakeNode {
  const submitted: {name: string; args: unknown}[] = [];
  const listeners = new Set<(e: BeaconEvent) => void>();
  const record = async (name: string, args: unknown): Promise<void> => {
    submitted.push({name, args});
  };
  const fin = {executionOptimistic: false, finalized: true};

  const impl: Partial<BeaconApiImpl> & Pick<BeaconApiImpl, "getStateValidators"> = {
    getNetworkIdentity: async () => ({
      data: {peerId: "16Uiu2", enr: "enr:-abc", p2pAddresses: ["/ip4/127.0.0.1/tcp/9000"], discoveryAddresses: [], metadata: {seqNumber: 5n, attnets: "0x0000000000000000"}},
    }),
    getPeers: async ({state}) => ({
      data: [{peerId: "p1", enr: null, lastSeenP2pAddress: "/ip4/1.2.3.4/tcp/9000", state: "connected" as const, direction: "inbound" as const}].filter(
        (p) => state === undefined || state.includes(p.state),
      ),
    }),
    getPeer: async ({peerId}) => {
      if (peerId !== "p1") throw new ApiError(404, "Peer not found");
      return {data: {peerId, enr: null, lastSeenP2pAddress: "/ip4/1.2.3.4/tcp/9000", state: "connected", direction: "outbound"}};
    },
    getPeerCount: async () => ({data: {disconnected: 1, connecting: 0, connected: 3, disconnecting: 0}}),
    getNodeVersion: async () => ({data: {version: "Hearth/v0.1.0"}}),
    getSyncingStatus: async () => ({data: {headSlot: 100, syncDistance: 0, isSyncing: false, isOptimistic: false, elOffline: false}}),
    getHealth: async ({syncingStatus}) => ({data: syncingStatus ?? 206}),

    getGenesis: async () => ({data: {genesisTime: 1606824023, genesisValidatorsRoot: ROOT_A, genesisForkVersion: new Uint8Array(4)}}),
    getStateRoot: async ({stateId}) => (checkState(stateId), {data: {root: ROOT_B}, meta: fin}),
    getStateFork: async ({stateId}) => (
      checkState(stateId), {data: {previousVersion: new Uint8Array(4), currentVersion: Uint8Array.of(1, 0, 0, 0), epoch: 10}, meta: fin}
    ),
    getStateFinalityCheckpoints: async ({stateId}) => {
      checkState(stateId);
      const cp = {epoch: 3, root: ROOT_A};
      return {data: {previousJustified: cp, currentJustified: cp, finalized: {epoch: 2, root: ROOT_B}}, meta: fin};
    },
    getStateValidators: async ({stateId, id, status}) => {
      checkState(stateId);
      const all = [0, 1, 2].map((i) => ({index: i, balance: 32e9 + i, status: "active_ongoing" as const, validator: validator(i)}));
      const byId = id === undefined || id.length === 0 ? all : all.filter((v) => id.includes(v.index));
      return {data: status?.includes("exited") ? [] : byId, meta: fin};
    },
    postStateValidators: async ({stateId, query}) => impl.getStateValidators({stateId, id: query?.ids, status: query?.statuses}),
    getStateValidator: async ({stateId, validatorId}) => {
      checkState(stateId);
      if (validatorId !== 1) throw new ApiError(404, "Validator not found");
      return {data: {index: 1, balance: 32e9, status: "active_ongoing", validator: validator(1)}, meta: fin};
    },
    getEpochCommittees: async ({stateId, slot}) => (
      checkState(stateId), {data: [{index: 0, slot: slot ?? 32, validators: [4, 2, 9]}], meta: fin}
    ),
    getEpochSyncCommittees: async ({stateId}) => (checkState(stateId), {data: {validators: [1, 2, 3, 4], validatorAggregates: [[1, 2], [3, 4]]}, meta: fin}),

    getBlockHeaders: async ({slot}) => ({
      data: [{root: ROOT_A, canonical: true, header: {message: {...phase0.BeaconBlockHeader.defaultValue(), slot: slot ?? 5}, signature: new Uint8Array(96)}}],
      meta: fin,
    }),
    getBlockHeader: async ({blockId}) => {
      if (blockId !== "head") throw new ApiError(404, "Block not found");
      return {data: {root: ROOT_A, canonical: true, header: {message: phase0.BeaconBlockHeader.defaultValue(), signature: new Uint8Array(96)}}, meta: fin};
    },
    getBlockV2: async ({blockId}) => {
      if (blockId === 5) return {data: phase0Block(5), meta: {version: "phase0", ...fin}};
      if (blockId === "head") return {data: denebBlock(300), meta: {version: "deneb", executionOptimistic: false, finalized: false}};
      throw new ApiError(404, `Block not found: ${blockId}`);
    },
    publishBlockV2: async (args) => {
      await record("publishBlockV2", args);
      return args.broadcastValidation === "consensus" ? {status: 202} : undefined;
    },
    getBlockRoot: async () => ({data: {root: ROOT_A}, meta: fin}),

    getPoolAttestationsV2: async () => ({data: [electra.Attestation.defaultValue()], meta: {version: "electra"}}),
    submitPoolAttestationsV2: async (args) => {
      await record("submitPoolAttestationsV2", args);
      if (args.attestations.length > 2) throw new ApiError(400, "some failures", [{index: 2, message: "invalid signature"}]);
    },
    getPoolAttesterSlashingsV2: async () => ({data: [], meta: {version: "phase0"}}),
    submitPoolAttesterSlashingsV2: (args) => record("submitPoolAttesterSlashingsV2", args),
    getPoolProposerSlashings: async () => ({data: [phase0.ProposerSlashing.defaultValue()]}),
    submitPoolProposerSlashings: (args) => record("submitPoolProposerSlashings", args),
    getPoolVoluntaryExits: async () => ({data: [{message: {epoch: 4, validatorIndex: 2}, signature: new Uint8Array(96).fill(1)}]}),
    submitPoolVoluntaryExit: (args) => record("submitPoolVoluntaryExit", args),
    submitPoolSyncCommitteeSignatures: (args) => record("submitPoolSyncCommitteeSignatures", args),

    getAttesterDuties: async ({epoch, indices}) => ({
      data: indices.map((i) => ({pubkey: new Uint8Array(48).fill(i), validatorIndex: i, committeeIndex: 1, committeeLength: 128, committeesAtSlot: 4, validatorCommitteeIndex: 3, slot: epoch * 32 + 1})),
      meta: {dependentRoot: ROOT_B, executionOptimistic: false},
    }),
    getProposerDuties: async ({epoch}) => ({
      data: [{pubkey: new Uint8Array(48).fill(1), validatorIndex: 1, slot: epoch * 32}],
      meta: {dependentRoot: ROOT_A, executionOptimistic: false},
    }),
    getSyncCommitteeDuties: async ({indices}) => ({
      data: indices.map((i) => ({pubkey: new Uint8Array(48).fill(i), validatorIndex: i, validatorSyncCommitteeIndices: [i, i + 100]})),
      meta: {executionOptimistic: false},
    }),
    produceBlockV3: async ({slot}) => ({
      data: {block: denebBlock(slot).message, kzgProofs: [new Uint8Array(48)], blobs: [new Uint8Array(131072).fill(1)]},
      meta: {version: "deneb", executionPayloadBlinded: false, executionPayloadValue: 10n ** 18n, consensusBlockValue: 12345n},
    }),
    produceAttestationData: async ({slot, committeeIndex}) => ({
      data: {...phase0.AttestationData.defaultValue(), slot, index: committeeIndex ?? 0, beaconBlockRoot: ROOT_A},
    }),
    getAggregatedAttestationV2: async ({slot}) => {
      const att = electra.Attestation.defaultValue();
      att.data.slot = slot;
      return {data: att, meta: {version: "electra"}};
    },
    publishAggregateAndProofsV2: (args) => record("publishAggregateAndProofsV2", args),
    prepareBeaconCommitteeSubnet: (args) => record("prepareBeaconCommitteeSubnet", args),
    prepareSyncCommitteeSubnets: (args) => record("prepareSyncCommitteeSubnets", args),
    produceSyncCommitteeContribution: async ({slot, subcommitteeIndex, beaconBlockRoot}) => ({
      data: {...altair.SyncCommitteeContribution.defaultValue(), slot, subcommitteeIndex, beaconBlockRoot},
    }),
    publishContributionAndProofs: (args) => record("publishContributionAndProofs", args),
    prepareBeaconProposer: (args) => record("prepareBeaconProposer", args),
    getLiveness: async ({indices}) => ({data: indices.map((index) => ({index, isLive: index % 2 === 0}))}),

    getSpec: async () => ({data: chainConfigToJson(mainnetChainConfig)}),
    getForkSchedule: async () => ({data: [{previousVersion: new Uint8Array(4), currentVersion: new Uint8Array(4), epoch: 0}]}),
    getDepositContract: async () => ({data: {chainId: 1, address: new Uint8Array(20).fill(0xab)}}),

    getStateV2: async ({stateId}) => {
      if (stateId === "head") return {data: phase0.BeaconState.defaultViewDU(), meta: {version: "phase0", ...fin}};
      if (stateId === 0) {
        const state = altair.BeaconState.defaultValue();
        state.slot = 0;
        state.genesisTime = 1606824023;
        return {data: state, meta: {version: "altair", ...fin}};
      }
      return notFoundState(stateId);
    },

    eventstream: ({signal}) =>
      subscriptionIterable<BeaconEvent>((push) => {
        listeners.add(push);
        return () => listeners.delete(push);
      }, signal),
  };
  return {impl, submitted, emit: (e) => listeners.forEach((l) => l(e)), listeners: () => listeners.size};
}

export {ssz};
