// Interop smoke test: our Network against a bare libp2p node that knows only the p2p spec. The bare
// node's wire format is written here from the spec text (phase0/altair/fulu p2p-interface.md,
// fulu beacon-chain.md compute_fork_digest) with no Hearth code: varints, snappy framing with its
// CRC32C, the SSZ layouts of Status v2, MetaData v3, Ping and BeaconBlocksByRangeRequest, the fork
// digest, the ENR `eth2`/`cgc`/`nfd` entries and the gossip message-id. snappyjs (a pure-JS snappy
// *block* codec, not the native one Hearth uses) is the only helper. If Hearth and this test agree,
// Hearth agrees with the spec, not merely with itself.
import "../../../src/util/promiseWithResolvers.js";
import {strict as assert} from "node:assert";
import {createHash} from "node:crypto";
import {createRequire} from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {createLibp2p, type Libp2p} from "libp2p";
import {tcp} from "@libp2p/tcp";
import {noise} from "@chainsafe/libp2p-noise";
import {yamux} from "@chainsafe/libp2p-yamux";
import {mplex} from "@libp2p/mplex";
import {identify} from "@libp2p/identify";
import {generateKeyPair} from "@libp2p/crypto/keys";
import {gossipsub, type GossipSub} from "@chainsafe/libp2p-gossipsub";
import {StrictNoSign, type Message, type PrivateKey, type Stream} from "@libp2p/interface";
import {ENR} from "@chainsafe/enr";
import {createBeaconConfig, minimalChainConfig, type ChainConfig} from "@hearth/config";
import {sszTypesFor, type p2p} from "@hearth/types";
import {GossipType, gossipAccept, Network, silentLogger, type GossipHandlers, type GossipMeta, type NetworkReqRespHandlers, type ResponseChunk} from "../../../src/index.js";

const SnappyJS = createRequire(import.meta.url)("snappyjs") as {compress(b: Uint8Array): Uint8Array; uncompress(b: Uint8Array): Uint8Array};

// ---------------------------------------------------------------------------------------------
// The spec, written out independently
// ---------------------------------------------------------------------------------------------

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const u64le = (n: bigint | number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
};
const readU64 = (b: Uint8Array, offset: number): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(offset, true);
const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** Unsigned protobuf varint. */
function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Uint8Array.from(out);
}
function readVarint(b: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; ; i++) {
    const byte = b[offset + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, offset + i + 1];
  }
}

/** CRC-32C, bit by bit (Castagnoli, reflected 0x82F63B78), masked as the snappy framing format says. */
function maskedCrc(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** snappy frames: stream identifier, then *uncompressed* (0x01) chunks of at most 65536 bytes. */
function snappyFrames(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.from([0xff, 6, 0, 0, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59])];
  for (let o = 0; o < data.length; o += 65536) {
    const chunk = data.subarray(o, o + 65536);
    const len = chunk.length + 4;
    const crc = new Uint8Array(4);
    new DataView(crc.buffer).setUint32(0, maskedCrc(chunk), true);
    parts.push(Uint8Array.from([0x01, len & 0xff, (len >> 8) & 0xff, len >> 16]), crc, chunk);
  }
  return cat(...parts);
}

/** Reads frames from `b` at `offset` until `n` bytes are decoded, checking every CRC. */
function readFrames(b: Uint8Array, offset: number, n: number): [data: Uint8Array, next: number] {
  const out: Uint8Array[] = [];
  let got = 0;
  let sawIdentifier = false;
  while (got < n || !sawIdentifier) {
    const type = b[offset];
    const len = b[offset + 1] | (b[offset + 2] << 8) | (b[offset + 3] << 16);
    const body = b.subarray(offset + 4, offset + 4 + len);
    offset += 4 + len;
    if (type === 0xff) {
      assert.equal(Buffer.from(body).toString("latin1"), "sNaPpY");
      sawIdentifier = true;
      continue;
    }
    assert.ok(sawIdentifier, "frames start with the stream identifier");
    if (type !== 0x00 && type !== 0x01) continue;
    const data = type === 0x00 ? SnappyJS.uncompress(body.subarray(4)) : body.subarray(4);
    assert.equal(new DataView(body.buffer, body.byteOffset).getUint32(0, true), maskedCrc(data), "masked CRC32C");
    out.push(data);
    got += data.length;
  }
  assert.equal(got, n, "frames hold exactly the length prefix");
  return [cat(...out), offset];
}

/** An ssz_snappy request: varint(len) ‖ frames. */
const encodeRequest = (ssz: Uint8Array): Uint8Array => cat(varint(ssz.length), snappyFrames(ssz));

interface Chunk {
  result: number;
  context?: Uint8Array;
  ssz: Uint8Array;
}

/** response ::= (<result> [<context-bytes>] <varint> <frames>)* */
function parseResponse(b: Uint8Array, withContext: boolean): Chunk[] {
  const chunks: Chunk[] = [];
  let o = 0;
  while (o < b.length) {
    const result = b[o++];
    let context: Uint8Array | undefined;
    if (withContext && result === 0) {
      context = b.subarray(o, o + 4);
      o += 4;
    }
    const [n, afterLen] = readVarint(b, o);
    const [ssz, next] = readFrames(b, afterLen, n);
    o = next;
    chunks.push(context ? {result, context, ssz} : {result, ssz});
  }
  return chunks;
}

/** hash_tree_root(ForkData(version, gvr)): two 32-byte chunks, one sha256. */
const forkDataRoot = (version: Uint8Array, gvr: Uint8Array): Uint8Array => sha256(cat(version, new Uint8Array(28)), gvr);

/** fulu compute_fork_digest, with get_blob_parameters from an empty BLOB_SCHEDULE: (ELECTRA_FORK_EPOCH, MAX_BLOBS_PER_BLOCK_ELECTRA). */
function fuluForkDigest(chain: ChainConfig, gvr: Uint8Array): Uint8Array {
  const base = forkDataRoot(chain.FULU_FORK_VERSION, gvr);
  const mask = sha256(u64le(chain.ELECTRA_FORK_EPOCH), u64le(chain.MAX_BLOBS_PER_BLOCK_ELECTRA));
  return Uint8Array.from([0, 1, 2, 3].map((i) => base[i] ^ mask[i]));
}

/** altair message-id for data that decompresses. */
function altairMsgId(topic: string, compressed: Uint8Array): string {
  const t = Buffer.from(topic, "utf8");
  return hex(sha256(Uint8Array.from([1, 0, 0, 0]), u64le(t.length), t, SnappyJS.uncompress(compressed)).subarray(0, 20));
}

const REQ = "/eth2/beacon_chain/req";

async function readAll(stream: Stream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream.source) parts.push(chunk.subarray());
  return cat(...parts);
}

// ---------------------------------------------------------------------------------------------
// The setup
// ---------------------------------------------------------------------------------------------

const GVR = new Uint8Array(32).fill(0x42);
const CHAIN: ChainConfig = {
  ...minimalChainConfig,
  ALTAIR_FORK_EPOCH: 0,
  BELLATRIX_FORK_EPOCH: 0,
  CAPELLA_FORK_EPOCH: 0,
  DENEB_FORK_EPOCH: 0,
  ELECTRA_FORK_EPOCH: 0,
  FULU_FORK_EPOCH: 0,
  BLOB_SCHEDULE: [],
};
const DIGEST = fuluForkDigest(CHAIN, GVR);
const OUR_STATUS: p2p.StatusV2 = {
  forkDigest: new Uint8Array(4),
  finalizedRoot: new Uint8Array(32),
  finalizedEpoch: 0,
  headRoot: new Uint8Array(32).fill(0xab),
  headSlot: 9,
  earliestAvailableSlot: 0,
};
/** The slots our stub chain has blocks at (5 is empty). */
const BLOCK_SLOTS = [3, 4, 6];

/** The bare node's own status and metadata (Status v2: 92 bytes; MetaData v3: 25 bytes). */
const BARE_STATUS = cat(DIGEST, new Uint8Array(32), u64le(0), new Uint8Array(32).fill(0xcd), u64le(7), u64le(0));
const BARE_METADATA = cat(u64le(3), Uint8Array.from([0b101, 0, 0, 0, 0, 0, 0, 0]), Uint8Array.of(0b10), u64le(8));

describe("interop smoke: our Network against a spec-only libp2p node", function () {
  this.timeout(20_000);
  let network: Network;
  let bare: Libp2p<{identify: ReturnType<ReturnType<typeof identify>>; pubsub: GossipSub}>;
  let dataDir: string;
  const gossipSeen: GossipMeta[] = [];
  const bareReceived: Record<string, Uint8Array[]> = {};

  before(async () => {
    const config = createBeaconConfig(CHAIN, GVR);
    const none = async function* (): AsyncIterable<never> {};
    const unavailable = async (): Promise<never> => {
      throw new Error("not served");
    };
    // Our status carries the digest our config computes; the test checks it against DIGEST.
    const ourStatus = (): p2p.StatusV2 => ({...OUR_STATUS, forkDigest: config.forkDigestAtEpoch(0)});
    const reqRespHandlers: NetworkReqRespHandlers = {
      onStatus: async () => ourStatus(),
      onGoodbye: async () => {},
      async *onBeaconBlocksByRange(req): AsyncIterable<ResponseChunk> {
        const type = sszTypesFor("fulu").SignedBeaconBlock;
        for (const slot of BLOCK_SLOTS) {
          if (slot < req.startSlot || slot >= req.startSlot + req.count) continue;
          const block = type.defaultValue();
          block.message.slot = slot;
          yield {fork: "fulu", slot, bytes: type.serialize(block)};
        }
      },
      onBeaconBlocksByRoot: none,
      onBlobSidecarsByRange: none,
      onBlobSidecarsByRoot: none,
      onDataColumnSidecarsByRange: none,
      onDataColumnSidecarsByRoot: none,
      onLightClientBootstrap: unavailable,
      onLightClientUpdatesByRange: none,
      onLightClientFinalityUpdate: unavailable,
      onLightClientOptimisticUpdate: unavailable,
    };
    const gossipHandlers = Object.fromEntries(
      Object.values(GossipType).map((t) => [
        t,
        async (_v: unknown, meta: GossipMeta) => {
          gossipSeen.push(meta);
          return gossipAccept();
        },
      ]),
    ) as unknown as GossipHandlers;

    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-interop-"));
    network = await Network.init({
      config,
      logger: silentLogger,
      dataDir,
      host: "127.0.0.1",
      port: 0,
      discv5: false,
      reqRespHandlers,
      gossipHandlers,
      getStatus: ourStatus,
      currentSlot: () => 0,
      custodyGroupCount: 4,
    });
    network.subscribeGossipCoreTopics();

    // The bare node: secp256k1 identity, TCP + noise + yamux, identify, and gossipsub with only the
    // spec's settings (StrictNoSign and the altair message-id).
    bare = (await createLibp2p({
      privateKey: (await generateKeyPair("secp256k1")) as unknown as PrivateKey,
      addresses: {listen: ["/ip4/127.0.0.1/tcp/0"]},
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: {
        identify: identify(),
        pubsub: gossipsub({
          globalSignaturePolicy: StrictNoSign,
          msgIdFn: (msg: Message) => Buffer.from(altairMsgId(msg.topic, msg.data), "hex"),
          allowPublishToZeroTopicPeers: false,
        }) as never,
      },
    })) as unknown as typeof bare;
    // The bare node answers Hearth's own requests (status, metadata, ping) from the spec too.
    const serve = (name: string, answer: (req: Uint8Array) => Uint8Array): Promise<void> =>
      bare.handle(`${REQ}/${name}/ssz_snappy`, async ({stream}) => {
        const req = await readAll(stream); // until EOF: the requester half-closes
        (bareReceived[name] ??= []).push(req);
        await stream.sink([answer(req)]);
      });
    const success = (ssz: Uint8Array): Uint8Array => cat(Uint8Array.of(0), varint(ssz.length), snappyFrames(ssz));
    await serve("status/2", () => success(BARE_STATUS));
    await serve("status/1", () => success(BARE_STATUS.subarray(0, 84)));
    await serve("metadata/3", () => success(BARE_METADATA));
    await serve("metadata/2", () => success(BARE_METADATA.subarray(0, 17)));
    await serve("ping/1", () => success(u64le(3)));
    await serve("goodbye/1", () => success(u64le(0)));

    await bare.dial(network.localMultiaddrs()[0]);
  });

  after(async () => {
    await bare?.stop();
    await network?.close();
    if (dataDir) fs.rmSync(dataDir, {recursive: true, force: true});
  });

  async function request(protocol: string, body: Uint8Array | null): Promise<Uint8Array> {
    const stream = await bare.dialProtocol(network.peerId, `${REQ}/${protocol}/ssz_snappy`);
    await stream.sink(body === null ? [] : [body]); // sink ends with a half-close of our write side
    return readAll(stream);
  }

  it("status/2: the dialer's status is answered with 92 bytes: our digest, zero genesis finalized root, head, earliest slot", async () => {
    const [chunk, ...rest] = parseResponse(await request("status/2", encodeRequest(BARE_STATUS)), false);
    assert.equal(rest.length, 0, "a single response_chunk");
    assert.equal(chunk.result, 0);
    assert.equal(chunk.ssz.length, 92);
    assert.equal(hex(chunk.ssz.subarray(0, 4)), hex(DIGEST));
    assert.equal(hex(chunk.ssz.subarray(4, 36)), "00".repeat(32));
    assert.equal(readU64(chunk.ssz, 36), 0n);
    assert.equal(hex(chunk.ssz.subarray(44, 76)), "ab".repeat(32));
    assert.equal(readU64(chunk.ssz, 76), 9n);
    assert.equal(readU64(chunk.ssz, 84), 0n);
    // status/1 too: the same fields without earliest_available_slot
    const [v1] = parseResponse(await request("status/1", encodeRequest(BARE_STATUS.subarray(0, 84))), false);
    assert.equal(v1.ssz.length, 84);
    assert.equal(hex(v1.ssz), hex(chunk.ssz.subarray(0, 84)));
  });

  it("metadata/3: an empty request is answered with seq_number, attnets (64 bits), syncnets (4 bits), custody_group_count", async () => {
    const [chunk] = parseResponse(await request("metadata/3", null), false);
    assert.equal(chunk.result, 0);
    assert.equal(chunk.ssz.length, 8 + 8 + 1 + 8);
    const ours = network.getMetadata();
    assert.equal(readU64(chunk.ssz, 0), BigInt(ours.seqNumber));
    // SUBNETS_PER_NODE (2) long-lived attestation subnets are set, nothing else
    const attnetBits = [...chunk.ssz.subarray(8, 16)].reduce((n, byte) => n + byte.toString(2).split("1").length - 1, 0);
    assert.equal(attnetBits, 2);
    assert.deepEqual([...chunk.ssz.subarray(8, 16)], [...ours.attnets.uint8Array]);
    assert.equal(chunk.ssz[16], 0);
    assert.equal(readU64(chunk.ssz, 17), 4n);
  });

  it("ping/1: answered with our metadata seq_number", async () => {
    const [chunk] = parseResponse(await request("ping/1", encodeRequest(u64le(3))), false);
    assert.equal(chunk.result, 0);
    assert.equal(chunk.ssz.length, 8);
    assert.equal(readU64(chunk.ssz, 0), BigInt(network.getMetadata().seqNumber));
  });

  it("a peer that speaks only mplex (which the spec says clients MUST support) connects and is answered", async () => {
    const mplexOnly = await createLibp2p({
      privateKey: (await generateKeyPair("secp256k1")) as unknown as PrivateKey,
      addresses: {listen: ["/ip4/127.0.0.1/tcp/0"]},
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [mplex()],
    });
    try {
      const stream = await mplexOnly.dialProtocol(network.localMultiaddrs()[0], `${REQ}/ping/1/ssz_snappy`);
      await stream.sink([encodeRequest(u64le(1))]);
      const [chunk] = parseResponse(await readAll(stream), false);
      assert.equal(chunk.result, 0);
      assert.equal(readU64(chunk.ssz, 0), BigInt(network.getMetadata().seqNumber));
      assert.equal(mplexOnly.getConnections(network.peerId)[0]?.multiplexer, "/mplex/6.7.0");
    } finally {
      await mplexOnly.stop();
    }
  });

  it("beacon_blocks_by_range/2: one chunk per block in range, each with the fork digest as context bytes", async () => {
    const req = cat(u64le(3), u64le(4), u64le(1)); // start_slot 3, count 4, step 1
    const chunks = parseResponse(await request("beacon_blocks_by_range/2", encodeRequest(req)), true);
    assert.deepEqual(
      chunks.map((c) => c.result),
      [0, 0, 0],
    );
    for (const c of chunks) assert.equal(hex(c.context!), hex(DIGEST));
    // SignedBeaconBlock = (offset of message: 4 bytes, signature: 96 bytes) ‖ message; message starts with slot
    assert.deepEqual(
      chunks.map((c) => readU64(c.ssz, 100)),
      [3n, 4n, 6n],
    );
    for (const c of chunks) assert.equal(new DataView(c.ssz.buffer, c.ssz.byteOffset).getUint32(0, true), 100);
  });

  it("a malformed request gets InvalidRequest with an ssz_snappy ErrorMessage", async () => {
    const [chunk] = parseResponse(await request("ping/1", cat(varint(8), Uint8Array.of(1, 2, 3))), false);
    assert.equal(chunk.result, 1);
    assert.ok(chunk.ssz.length <= 256);
  });

  it("Hearth's own requests reach the bare node per the spec: status/2 or the dialer's status, then metadata/3 with an empty body", async () => {
    // The bare node dialled, so it sent status; Hearth then asks its metadata (no request content).
    const deadline = Date.now() + 5_000;
    while (!bareReceived["metadata/3"] && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(bareReceived["metadata/3"], "Hearth requested metadata/3");
    assert.equal(bareReceived["metadata/3"][0].length, 0, "metadata requests have no body");
    const peer = network.getConnectedPeers().find((p) => p.peerId === bare.peerId.toString());
    assert.equal(peer?.metadata?.custodyGroupCount, 8);
    assert.equal(peer?.metadata?.seqNumber, 3);
    assert.equal(peer?.status?.headSlot, 7);
  });

  it("our ENR decodes with @chainsafe/enr: eth2 = ENRForkID(digest, FULU version, FAR_FUTURE), cgc big-endian, nfd zero, ip/tcp", () => {
    const enr = ENR.decodeTxt(network.enr());
    assert.equal(hex(enr.kvs.get("eth2")!), hex(cat(DIGEST, CHAIN.FULU_FORK_VERSION, new Uint8Array(8).fill(0xff))));
    assert.equal(hex(enr.kvs.get("cgc")!), "04");
    assert.equal(hex(enr.kvs.get("nfd")!), "00000000");
    assert.equal(hex(enr.kvs.get("attnets")!), hex(network.getMetadata().attnets.uint8Array));
    assert.equal(hex(enr.kvs.get("syncnets")!), "00");
    assert.equal(enr.ip, "127.0.0.1");
    assert.equal(enr.tcp, Number(network.localMultiaddrs()[0].toOptions().port));
    assert.equal(enr.peerId.toString(), network.peerId.toString());
    assert.equal(enr.publicKey.length, 33, "compressed secp256k1 key");
  });

  it("gossip: a StrictNoSign message from the bare node reaches our handler under the spec's message-id", async () => {
    const topic = `/eth2/${hex(DIGEST)}/voluntary_exit/ssz_snappy`;
    const deadline = Date.now() + 8_000;
    while (!bare.services.pubsub.getSubscribers(topic).some((p) => p.equals(network.peerId)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(bare.services.pubsub.getSubscribers(topic).some((p) => p.equals(network.peerId)), `Hearth subscribed ${topic}`);
    // SignedVoluntaryExit: epoch 0, validator_index 5, a 96-byte signature
    const ssz = cat(u64le(0), u64le(5), new Uint8Array(96).fill(0x11));
    const data = SnappyJS.compress(ssz);
    await bare.services.pubsub.publish(topic, data);
    while (gossipSeen.length === 0 && Date.now() < deadline + 2_000) await new Promise((r) => setTimeout(r, 50));
    assert.equal(gossipSeen.length, 1);
    assert.equal(gossipSeen[0].topic.type, GossipType.voluntary_exit);
    assert.equal(gossipSeen[0].msgId, altairMsgId(topic, data));
    assert.equal(hex(gossipSeen[0].sszBytes), hex(ssz));
  });
});
