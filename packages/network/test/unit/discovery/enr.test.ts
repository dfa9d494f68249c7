import {strict as assert} from "node:assert";
import {ENR} from "@chainsafe/enr";
import {generateKeyPair} from "@libp2p/crypto/keys";
import type {PrivateKey} from "@libp2p/interface";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import {createBeaconConfig, getNetworkBootnodes, minimalChainConfig, type ChainConfig} from "@hearth/config";
import {p2p} from "@hearth/types";
import {
  computeEnrForkId,
  createLocalEnr,
  decodeCustodyGroupCount,
  encodeCustodyGroupCount,
  NetworkError,
  NetworkErrorCode,
  parseBootnodes,
  readEth2Fields,
  setEth2Fields,
  toDiscoveredPeer,
} from "../../../src/index.js";

const GVR = new Uint8Array(32).fill(7);

function configWith(overrides: Partial<Record<string, number>>): ChainConfig {
  return {...minimalChainConfig, ...overrides} as ChainConfig;
}

/** Every fork up to electra at genesis, fulu at `epoch`. */
function fuluAt(epoch: number): ChainConfig {
  return configWith({ALTAIR_FORK_EPOCH: 0, BELLATRIX_FORK_EPOCH: 0, CAPELLA_FORK_EPOCH: 0, DENEB_FORK_EPOCH: 0, ELECTRA_FORK_EPOCH: 0, FULU_FORK_EPOCH: epoch});
}

async function newKey(): Promise<PrivateKey> {
  return (await generateKeyPair("secp256k1")) as unknown as PrivateKey;
}

describe("discovery: ENR eth2 fields", () => {
  it("cgc is a big-endian uint64 without leading zeros; 0 is empty", () => {
    assert.deepEqual([...encodeCustodyGroupCount(0)], []);
    assert.deepEqual([...encodeCustodyGroupCount(4)], [4]);
    assert.deepEqual([...encodeCustodyGroupCount(128)], [0x80]);
    assert.deepEqual([...encodeCustodyGroupCount(256)], [1, 0]);
    assert.equal(decodeCustodyGroupCount(Uint8Array.from([1, 0])), 256);
    assert.throws(() => decodeCustodyGroupCount(Uint8Array.from([0, 4])));
  });

  it("ENRForkID names the digest in force and the next fork (version, epoch)", () => {
    // altair at 2, bellatrix at 5, later forks unscheduled
    const config = createBeaconConfig(
      configWith({ALTAIR_FORK_EPOCH: 2, BELLATRIX_FORK_EPOCH: 5, CAPELLA_FORK_EPOCH: Infinity, DENEB_FORK_EPOCH: Infinity, ELECTRA_FORK_EPOCH: Infinity, FULU_FORK_EPOCH: Infinity}),
      GVR,
    );
    const at0 = computeEnrForkId(config, 0);
    assert.deepEqual(at0.forkDigest, config.forkDigestAtEpoch(0));
    assert.deepEqual(at0.nextForkVersion, config.chain.ALTAIR_FORK_VERSION);
    assert.equal(at0.nextForkEpoch, 2);
    const at3 = computeEnrForkId(config, 3);
    assert.deepEqual(at3.nextForkVersion, config.chain.BELLATRIX_FORK_VERSION);
    assert.equal(at3.nextForkEpoch, 5);
    const at9 = computeEnrForkId(config, 9);
    assert.deepEqual(at9.nextForkVersion, config.chain.BELLATRIX_FORK_VERSION, "no next fork: our own version");
    assert.equal(at9.nextForkEpoch, Infinity);
  });

  it("writes eth2, attnets, syncnets, cgc and nfd, readable back from the encoded ENR", async () => {
    const config = createBeaconConfig(fuluAt(10), GVR);
    const key = await newKey();
    const enr = createLocalEnr(key, {ip: "127.0.0.1", tcp: 9000, udp: 9001});
    const attnets = Array.from({length: 64}, (_, i) => i === 3 || i === 40);
    const syncnets = [false, true, false, false];
    setEth2Fields(enr, config, 1, {attnets, syncnets, custodyGroupCount: 4});

    const decoded = ENR.decodeTxt(enr.encodeTxt());
    assert.equal(decoded.peerId.toString(), peerIdFromPrivateKey(key).toString());
    assert.equal(decoded.ip, "127.0.0.1");
    assert.equal(decoded.tcp, 9000);
    assert.equal(decoded.udp, 9001);
    const fields = readEth2Fields(decoded);
    assert.ok(fields);
    assert.deepEqual(fields.forkId.forkDigest, config.forkDigestAtEpoch(1));
    assert.equal(fields.forkId.nextForkEpoch, 10);
    assert.deepEqual(fields.forkId.nextForkVersion, config.chain.FULU_FORK_VERSION);
    assert.deepEqual(fields.attnets, attnets);
    assert.deepEqual(fields.syncnets, syncnets);
    assert.equal(fields.custodyGroupCount, 4);
    assert.deepEqual(fields.nextForkDigest, config.forkDigestAtEpoch(10));
    // raw bytes as the spec fixes them
    assert.deepEqual([...decoded.kvs.get("attnets")!], [0b1000, 0, 0, 0, 0, 0b1, 0, 0]);
    assert.deepEqual([...decoded.kvs.get("syncnets")!], [0b10]);
    assert.deepEqual([...decoded.kvs.get("cgc")!], [4]);
  });

  it("does not bump the ENR seq when nothing changed", async () => {
    const config = createBeaconConfig(fuluAt(10), GVR);
    const enr = createLocalEnr(await newKey(), {ip: "127.0.0.1", tcp: 9000});
    const local = {attnets: new Array<boolean>(64).fill(false), syncnets: [false, false, false, false], custodyGroupCount: 4};
    setEth2Fields(enr, config, 0, local);
    const seq = enr.seq;
    setEth2Fields(enr, config, 0, local);
    assert.equal(enr.seq, seq);
    setEth2Fields(enr, config, 0, {...local, custodyGroupCount: 8});
    assert.equal(enr.seq, seq + 1n);
  });

  it("leaves cgc and nfd out while fulu is unscheduled", async () => {
    const config = createBeaconConfig(configWith({FULU_FORK_EPOCH: Infinity}), GVR);
    const enr = createLocalEnr(await newKey(), {});
    setEth2Fields(enr, config, 0, {attnets: [], syncnets: [], custodyGroupCount: 4});
    assert.equal(enr.kvs.has("cgc"), false);
    assert.equal(enr.kvs.has("nfd"), false);
    assert.equal(enr.kvs.has("eth2"), true);
  });

  it("offers only ENRs on our fork digest with a TCP address for dialing", async () => {
    const config = createBeaconConfig(fuluAt(10), GVR);
    const other = createBeaconConfig(fuluAt(10), new Uint8Array(32).fill(8));
    const local = {attnets: [], syncnets: [], custodyGroupCount: 4};
    const good = createLocalEnr(await newKey(), {ip: "10.0.0.1", tcp: 9000});
    setEth2Fields(good, config, 0, local);
    const wrongChain = createLocalEnr(await newKey(), {ip: "10.0.0.2", tcp: 9000});
    setEth2Fields(wrongChain, other, 0, local);
    const noTcp = createLocalEnr(await newKey(), {ip: "10.0.0.3", udp: 9000});
    setEth2Fields(noTcp, config, 0, local);
    const noEth2 = createLocalEnr(await newKey(), {ip: "10.0.0.4", tcp: 9000});

    const peer = toDiscoveredPeer(good.toENR(), config, 0);
    assert.ok(peer);
    assert.equal(peer.multiaddr.toString(), `/ip4/10.0.0.1/tcp/9000/p2p/${good.peerId.toString()}`);
    assert.equal(toDiscoveredPeer(wrongChain.toENR(), config, 0), null);
    assert.equal(toDiscoveredPeer(noTcp.toENR(), config, 0), null);
    assert.equal(toDiscoveredPeer(noEth2.toENR(), config, 0), null);
  });

  it("reads a malformed eth2 entry as 'not an eth2 node'", async () => {
    const enr = createLocalEnr(await newKey(), {});
    enr.set("eth2", Uint8Array.from([1, 2, 3]));
    assert.equal(readEth2Fields(enr.toENR()), null);
  });
});

describe("discovery: bootnodes", () => {
  it("decodes mainnet's built-in bootnodes, which advertise mainnet's genesis digest family", () => {
    const enrs = parseBootnodes(getNetworkBootnodes("mainnet"));
    assert.equal(enrs.length, 17);
    for (const enr of enrs) assert.ok(enr.udp || enr.udp6, "a bootnode has a UDP port");
    // the Teku ones carry no eth2 field; those that do decode as ENRForkID
    const withEth2 = enrs.filter((e) => e.kvs.has("eth2"));
    assert.ok(withEth2.length >= 10);
    for (const e of withEth2) assert.equal(p2p.ENRForkID.deserialize(e.kvs.get("eth2")!).forkDigest.length, 4);
  });

  it("rejects a malformed bootnode with a coded error, and drops duplicates", () => {
    assert.throws(
      () => parseBootnodes(["enr:-notanenr"]),
      (e: unknown) => e instanceof NetworkError && e.code === NetworkErrorCode.INVALID_BOOTNODE,
    );
    const one = getNetworkBootnodes("mainnet")[0];
    assert.equal(parseBootnodes([one, ` ${one} `, ""]).length, 1);
  });
});
