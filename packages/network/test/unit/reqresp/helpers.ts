// Two bare libp2p nodes (tcp + noise + yamux on 127.0.0.1) and a multi-fork BeaconConfig, for req/resp tests.
import "../../../src/util/promiseWithResolvers.js";
import {createLibp2p} from "libp2p";
import {tcp} from "@libp2p/tcp";
import {noise} from "@chainsafe/libp2p-noise";
import {yamux} from "@chainsafe/libp2p-yamux";
import type {Libp2p} from "@libp2p/interface";
import {createBeaconConfig, minimalChainConfig, type BeaconConfig, type ChainConfig} from "@hearth/config";
import {concat} from "../../../src/encoding/sszSnappy.js";

/** altair at genesis, then bellatrix, capella, deneb, electra at epochs 1-4 (32-slot epochs under the mainnet preset). */
export function testConfig(): BeaconConfig {
  const chain: ChainConfig = {
    ...minimalChainConfig,
    ALTAIR_FORK_EPOCH: 0,
    BELLATRIX_FORK_EPOCH: 1,
    CAPELLA_FORK_EPOCH: 2,
    DENEB_FORK_EPOCH: 3,
    ELECTRA_FORK_EPOCH: 4,
  };
  return createBeaconConfig(chain, new Uint8Array(32).fill(7));
}

export async function createNode(): Promise<Libp2p> {
  return createLibp2p({
    addresses: {listen: ["/ip4/127.0.0.1/tcp/0"]},
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  });
}

/** Opens `protocol` to `to`, writes `bytes`, half-closes, and returns everything the server wrote. */
export async function rawRequest(from: Libp2p, to: Libp2p, protocol: string, bytes: Uint8Array | null, opts: {closeWrite?: boolean} = {}): Promise<Uint8Array> {
  const stream = await from.dialProtocol(to.peerId, protocol);
  if (opts.closeWrite === false) {
    // write without ending our side: the server must time out rather than wait forever
    void stream.sink(
      (async function* () {
        if (bytes) yield bytes;
        await new Promise((r) => setTimeout(r, 60_000));
      })()
    ).catch(() => undefined);
  } else {
    await stream.sink(bytes ? [bytes] : []);
  }
  const parts: Uint8Array[] = [];
  try {
    for await (const chunk of stream.source) parts.push(chunk.subarray());
  } catch {
    // a reset by the server ends the read
  }
  return concat(parts);
}

export const silentLogger = {error: () => {}, warn: () => {}, info: () => {}, debug: () => {}};
