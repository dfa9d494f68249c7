// Node namespace shapes (beacon-APIs types/p2p.yaml, apis/node/*).
import {ssz} from "@hearth/types";
import {jsonArray, jsonBigUint, jsonEnum, jsonNullable, jsonObject, jsonString, jsonUint, optional, type ObjectValue} from "../codecs/json.js";
import {apiContainer} from "./container.js";

const nodeVersionFields = {version: jsonString};
export const NodeVersion = jsonObject(nodeVersionFields);
export type NodeVersion = ObjectValue<typeof nodeVersionFields>;

export const SyncingStatus = apiContainer("SyncingStatus", {
  headSlot: ssz.Slot,
  syncDistance: ssz.UintNum64,
  isSyncing: ssz.Boolean,
  isOptimistic: ssz.Boolean,
  elOffline: ssz.Boolean,
});

export const PEER_STATES = ["disconnected", "connecting", "connected", "disconnecting"] as const;
export type PeerState = (typeof PEER_STATES)[number];
export const PEER_DIRECTIONS = ["inbound", "outbound"] as const;
export type PeerDirection = (typeof PEER_DIRECTIONS)[number];

const peerFields = {
  peerId: jsonString,
  enr: jsonNullable(jsonString),
  lastSeenP2pAddress: jsonString,
  state: jsonEnum(PEER_STATES),
  direction: jsonEnum(PEER_DIRECTIONS),
};
export const Peer = jsonObject(peerFields);
export type Peer = ObjectValue<typeof peerFields>;
export const Peers = jsonArray(Peer);

export const PeerCount = apiContainer("PeerCount", {
  disconnected: ssz.UintNum64,
  connecting: ssz.UintNum64,
  connected: ssz.UintNum64,
  disconnecting: ssz.UintNum64,
});

const metadataFields = {
  seqNumber: jsonBigUint,
  /** Bitvector, 0x-hex. */
  attnets: jsonString,
  syncnets: optional(jsonString),
  custodyGroupCount: optional(jsonUint),
};
const identityFields = {
  peerId: jsonString,
  enr: jsonString,
  p2pAddresses: jsonArray(jsonString),
  discoveryAddresses: jsonArray(jsonString),
  metadata: jsonObject(metadataFields),
};
export const NetworkIdentity = jsonObject(identityFields);
export type NetworkIdentity = ObjectValue<typeof identityFields>;

const clientVersionFields = {code: jsonString, name: jsonString, version: jsonString, commit: jsonString};
export const ClientVersion = jsonObject(clientVersionFields);
export type ClientVersion = ObjectValue<typeof clientVersionFields>;
const nodeVersionV2Fields = {beaconNode: ClientVersion, executionClient: optional(ClientVersion)};
export const NodeVersionV2 = jsonObject(nodeVersionV2Fields);
export type NodeVersionV2 = ObjectValue<typeof nodeVersionV2Fields>;
