// The node's ENR and the eth2 fields in it (phase0 p2p-interface.md "ENR structure": `eth2`,
// `attnets`; altair: `syncnets`; fulu: `cgc`, `nfd`), and reading those fields from a peer's ENR.
import {ENR, SignableENR} from "@chainsafe/enr";
import {BitArray} from "@chainsafe/ssz";
import type {PrivateKey} from "@libp2p/interface";
import {ATTESTATION_SUBNET_COUNT, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import type {BeaconConfig} from "@hearth/config";
import {p2p} from "@hearth/types";

export const ENR_KEY_ETH2 = "eth2";
export const ENR_KEY_ATTNETS = "attnets";
export const ENR_KEY_SYNCNETS = "syncnets";
export const ENR_KEY_CGC = "cgc";
export const ENR_KEY_NFD = "nfd";

/** The contents of a node's eth2 ENR entries; what subnets it serves is in bit arrays of booleans. */
export interface Eth2EnrFields {
  forkId: p2p.ENRForkID;
  attnets: boolean[];
  syncnets: boolean[];
  /** fulu custody group count; null when absent (pre-fulu networks). */
  custodyGroupCount: number | null;
  /** fulu next fork digest; null when absent. */
  nextForkDigest: Uint8Array | null;
}

/** The subnets and custody the node advertises; the fork fields come from the config and clock. */
export interface LocalEnrState {
  attnets: boolean[];
  syncnets: boolean[];
  custodyGroupCount: number;
}

/**
 * ENRForkID at wall-clock `epoch`: the digest in force, and the next digest boundary (a regular fork
 * or, from fulu, a blob-parameters-only fork). A BPO boundary keeps the version (fulu
 * p2p-interface.md: "The fork version will only change for regular forks").
 */
export function computeEnrForkId(config: BeaconConfig, epoch: number): p2p.ENRForkID {
  const next = nextDigestBoundary(config, epoch);
  return {
    forkDigest: config.forkDigestAtEpoch(epoch),
    nextForkVersion: next ? config.computeForkVersion(next.epoch) : config.computeForkVersion(epoch),
    nextForkEpoch: next ? next.epoch : Infinity,
  };
}

/** fulu `nfd`: the digest of the next scheduled boundary, or four zero bytes when none is scheduled. */
export function computeNextForkDigest(config: BeaconConfig, epoch: number): Uint8Array {
  return nextDigestBoundary(config, epoch)?.digest ?? new Uint8Array(4);
}

function nextDigestBoundary(config: BeaconConfig, epoch: number): {epoch: number; digest: Uint8Array} | null {
  return config.forkDigestBoundaries.find((b) => b.epoch > epoch && Number.isFinite(b.epoch)) ?? null;
}

/** `cgc`: a uint64 big-endian with no leading zero bytes; 0 is the empty string. */
export function encodeCustodyGroupCount(count: number): Uint8Array {
  const bytes: number[] = [];
  let n = BigInt(count);
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.from(bytes);
}

export function decodeCustodyGroupCount(bytes: Uint8Array): number {
  if (bytes.length > 8) throw new Error(`cgc of ${bytes.length} bytes exceeds uint64`);
  if (bytes.length > 0 && bytes[0] === 0) throw new Error("cgc has a leading zero byte");
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return Number(n);
}

/** Create the local ENR from the node key; ip/ports are set when known (a 0.0.0.0 bind is not). */
export function createLocalEnr(privateKey: PrivateKey, addr: {ip?: string; tcp?: number; udp?: number}): SignableENR {
  const enr = SignableENR.createFromPrivateKey(privateKey as never);
  if (addr.ip && addr.ip !== "0.0.0.0") enr.ip = addr.ip;
  if (addr.tcp) enr.tcp = addr.tcp;
  if (addr.udp) enr.udp = addr.udp;
  return enr;
}

/**
 * Write the eth2 fields for wall-clock `epoch`. Each `set` bumps the ENR's seq only when a value
 * changed (SignableENR re-signs), so calling this every epoch is cheap and idempotent.
 */
export function setEth2Fields(enr: SignableENR, config: BeaconConfig, epoch: number, local: LocalEnrState): void {
  setIfChanged(enr, ENR_KEY_ETH2, p2p.ENRForkID.serialize(computeEnrForkId(config, epoch)));
  setIfChanged(enr, ENR_KEY_ATTNETS, p2p.AttestationSubnets.serialize(toBitArray(local.attnets, ATTESTATION_SUBNET_COUNT)));
  if (config.forkEpoch("altair") !== Infinity) {
    setIfChanged(enr, ENR_KEY_SYNCNETS, p2p.SyncSubnets.serialize(toBitArray(local.syncnets, SYNC_COMMITTEE_SUBNET_COUNT)));
  }
  // fulu: both entries MUST be present once FULU_FORK_EPOCH is scheduled, even before the fork.
  if (config.forkEpoch("fulu") !== Infinity) {
    setIfChanged(enr, ENR_KEY_CGC, encodeCustodyGroupCount(local.custodyGroupCount));
    setIfChanged(enr, ENR_KEY_NFD, computeNextForkDigest(config, epoch));
  }
}

function setIfChanged(enr: SignableENR, key: string, value: Uint8Array): void {
  const old = enr.kvs.get(key);
  if (old && Buffer.from(old).equals(value)) return;
  enr.set(key, value);
}

function toBitArray(bits: boolean[], length: number): BitArray {
  return BitArray.fromBoolArray(Array.from({length}, (_, i) => bits[i] === true));
}

/** Read a peer's eth2 entries; null when it has no (decodable) `eth2` entry, i.e. is not an eth2 node. */
export function readEth2Fields(enr: ENR | SignableENR): Eth2EnrFields | null {
  const eth2 = enr.kvs.get(ENR_KEY_ETH2);
  if (!eth2) return null;
  let forkId: p2p.ENRForkID;
  try {
    forkId = p2p.ENRForkID.deserialize(eth2);
  } catch {
    return null;
  }
  return {
    forkId,
    attnets: readBits(enr.kvs.get(ENR_KEY_ATTNETS), p2p.AttestationSubnets, ATTESTATION_SUBNET_COUNT),
    syncnets: readBits(enr.kvs.get(ENR_KEY_SYNCNETS), p2p.SyncSubnets, SYNC_COMMITTEE_SUBNET_COUNT),
    custodyGroupCount: readOptional(enr.kvs.get(ENR_KEY_CGC), decodeCustodyGroupCount),
    nextForkDigest: readOptional(enr.kvs.get(ENR_KEY_NFD), (b) => {
      if (b.length !== 4) throw new Error("nfd must be 4 bytes");
      return b;
    }),
  };
}

/** A malformed optional entry reads as "advertises nothing", never as an exception. */
function readBits(bytes: Uint8Array | undefined, type: typeof p2p.AttestationSubnets, length: number): boolean[] {
  if (!bytes) return new Array<boolean>(length).fill(false);
  try {
    return type.deserialize(bytes).toBoolArray();
  } catch {
    return new Array<boolean>(length).fill(false);
  }
}

function readOptional<T>(bytes: Uint8Array | undefined, decode: (b: Uint8Array) => T): T | null {
  if (bytes === undefined) return null;
  try {
    return decode(bytes);
  } catch {
    return null;
  }
}
