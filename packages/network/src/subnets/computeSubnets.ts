// Which attestation subnets a node backs long-term: phase0 p2p-interface.md "Attestation subnet
// subscription", compute_subscribed_subnets(node_id, epoch).
import {createHash} from "node:crypto";
import {ATTESTATION_SUBNET_COUNT, SLOTS_PER_EPOCH} from "@hearth/params";
import type {ChainConfig} from "@hearth/config";
import {computeShuffledIndex} from "@hearth/state-transition";

/** NODE_ID_BITS (phase0 p2p-interface.md): node ids are uint256. */
export const NODE_ID_BITS = 256;

/** compute_attestation_subnet_prefix_bits: ceillog2(ATTESTATION_SUBNET_COUNT) + ATTESTATION_SUBNET_EXTRA_BITS. */
export function computeAttestationSubnetPrefixBits(config: ChainConfig): number {
  return Math.ceil(Math.log2(ATTESTATION_SUBNET_COUNT)) + config.ATTESTATION_SUBNET_EXTRA_BITS;
}

/** compute_subscribed_subnet(node_id, epoch, index). `nodeId` is the ENR node id as a uint256. */
export function computeSubscribedSubnet(config: ChainConfig, nodeId: bigint, epoch: number, index: number): number {
  const prefixBits = computeAttestationSubnetPrefixBits(config);
  const nodeIdPrefix = Number(nodeId >> BigInt(NODE_ID_BITS - prefixBits));
  const nodeOffset = Number(nodeId % BigInt(config.EPOCHS_PER_SUBNET_SUBSCRIPTION));
  const period = Math.floor((epoch + nodeOffset) / config.EPOCHS_PER_SUBNET_SUBSCRIPTION);
  const permutationSeed = new Uint8Array(createHash("sha256").update(uint64ToBytesLE(period)).digest());
  const permutatedPrefix = computeShuffledIndex(nodeIdPrefix, 2 ** prefixBits, permutationSeed);
  return (permutatedPrefix + index) % ATTESTATION_SUBNET_COUNT;
}

/** compute_subscribed_subnets(node_id, epoch): SUBNETS_PER_NODE subnets. */
export function computeSubscribedSubnets(config: ChainConfig, nodeId: bigint, epoch: number): number[] {
  const subnets: number[] = [];
  for (let i = 0; i < config.SUBNETS_PER_NODE; i++) subnets.push(computeSubscribedSubnet(config, nodeId, epoch, i));
  return subnets;
}

/**
 * The first epoch after `epoch` at which compute_subscribed_subnets may change for this node: the
 * periods are offset per node so that the network does not reshuffle all at once.
 */
export function nextSubnetRotationEpoch(config: ChainConfig, nodeId: bigint, epoch: number): number {
  const period = config.EPOCHS_PER_SUBNET_SUBSCRIPTION;
  const nodeOffset = Number(nodeId % BigInt(period));
  return (Math.floor((epoch + nodeOffset) / period) + 1) * period - nodeOffset;
}

/** compute_subnet_for_attestation (phase0 validator.md). */
export function computeSubnetForAttestation(committeesPerSlot: number, slot: number, committeeIndex: number): number {
  const slotsSinceEpochStart = slot % SLOTS_PER_EPOCH;
  const committeesSinceEpochStart = committeesPerSlot * slotsSinceEpochStart;
  return (committeesSinceEpochStart + committeeIndex) % ATTESTATION_SUBNET_COUNT;
}

/** The node id (hex string as @chainsafe/enr gives it) as a uint256. */
export function nodeIdToBigInt(nodeIdHex: string): bigint {
  return BigInt("0x" + nodeIdHex.replace(/^0x/, ""));
}

function uint64ToBytesLE(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}
