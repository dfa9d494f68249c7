import {strict as assert} from "node:assert";
import {Compressor, Decompressor, compressSync} from "snappy";
import {p2p, ssz} from "@hearth/types";
import {
  BufferedSource,
  SszSnappyError,
  SszSnappyErrorCode,
  STREAM_IDENTIFIER,
  concat,
  crc32c,
  encodeSszSnappyBytes,
  encodeVarint,
  maskedCrc32c,
  maxCompressedLen,
  readSszSnappyPayload,
  readSszSnappyRequest,
  sszBounds,
} from "../../../src/encoding/index.js";

/** A source that yields `bytes` in pieces of `step` bytes, to exercise incremental decoding. */
function sourceOf(bytes: Uint8Array, step = 7): BufferedSource {
  async function* gen(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
  }
  return BufferedSource.from(gen());
}

async function expectCode(p: Promise<unknown>, code: SszSnappyErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof SszSnappyError && e.code === code);
}

function frame(type: number, body: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([type, body.length & 0xff, (body.length >> 8) & 0xff, body.length >> 16]), body]);
}
function crcLE(data: Uint8Array): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, maskedCrc32c(data), true);
  return b;
}

const bigBounds = {minSize: 0, maxSize: 10 * 2 ** 20};

describe("encoding: crc32c", () => {
  it("matches the standard check value and RFC 3720 vectors", () => {
    assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  });
});

describe("encoding: ssz_snappy round trips", () => {
  for (const size of [0, 1, 84, 65535, 65536, 65537, 200_000]) {
    it(`${size} bytes, fed 7 bytes at a time`, async () => {
      const data = new Uint8Array(size);
      // half compressible, half random, so both chunk kinds appear
      for (let i = 0; i < size; i++) data[i] = i < size / 2 ? i % 3 : (Math.random() * 256) | 0;
      const got = await readSszSnappyPayload(sourceOf(encodeSszSnappyBytes(data)), bigBounds);
      assert.deepEqual(got, data);
    });
  }

  it("interoperates with snappy's own framed (de)compressor both ways", async () => {
    const data = new Uint8Array(150_000).map((_, i) => (i * 7) % 251);
    const c = new Compressor();
    const framed = concat([c.update(data), await c.finish()]);
    const theirs = concat([encodeVarint(data.length), framed]);
    assert.deepEqual(await readSszSnappyPayload(sourceOf(theirs, 1000), bigBounds), data);

    const ours = encodeSszSnappyBytes(data);
    const d = new Decompressor();
    const out = concat([d.update(ours.subarray(3)), await d.finish()]); // 3 = varint(150000) length
    assert.deepEqual(out, data);
  });

  it("leaves the next chunk's bytes in the source", async () => {
    const a = ssz.Root.serialize(new Uint8Array(32).fill(1));
    const b = ssz.Root.serialize(new Uint8Array(32).fill(2));
    const src = sourceOf(concat([encodeSszSnappyBytes(a), encodeSszSnappyBytes(b)]), 5);
    assert.deepEqual(await readSszSnappyPayload(src, sszBounds(ssz.Root)), a);
    assert.deepEqual(await readSszSnappyPayload(src, sszBounds(ssz.Root)), b);
    assert.equal(await readSszSnappyPayload(src, sszBounds(ssz.Root)), null);
  });

  it("decodes a typed request and checks the end of stream", async () => {
    const status = {forkDigest: Uint8Array.from([1, 2, 3, 4]), finalizedRoot: new Uint8Array(32).fill(9), finalizedEpoch: 3, headRoot: new Uint8Array(32).fill(8), headSlot: 100};
    const bytes = encodeSszSnappyBytes(p2p.Status.serialize(status));
    assert.deepEqual(await readSszSnappyRequest(sourceOf(bytes), p2p.Status), status);
    await expectCode(readSszSnappyRequest(sourceOf(concat([bytes, Uint8Array.from([0])])), p2p.Status), SszSnappyErrorCode.TRAILING_BYTES);
  });
});

describe("encoding: ssz_snappy fuzzing — every malformed input gets its error code", () => {
  const statusBytes = p2p.Status.serialize(p2p.Status.defaultValue());
  const good = encodeSszSnappyBytes(statusBytes);
  const statusBounds = sszBounds(p2p.Status);

  it("length prefix outside the type's bounds (too small, too large, above MAX_PAYLOAD_SIZE)", async () => {
    for (const n of [83, 85, 11 * 2 ** 20]) {
      const bytes = concat([encodeVarint(n), ...[STREAM_IDENTIFIER]]);
      await expectCode(readSszSnappyPayload(sourceOf(bytes), statusBounds), SszSnappyErrorCode.LENGTH_OUT_OF_BOUNDS);
    }
    // a block's SSZ bound is far above MAX_PAYLOAD_SIZE: the payload cap still applies
    await expectCode(readSszSnappyPayload(sourceOf(encodeVarint(10 * 2 ** 20 + 1)), bigBounds), SszSnappyErrorCode.LENGTH_OUT_OF_BOUNDS);
  });

  it("varint longer than 10 bytes, non-minimal, or cut short", async () => {
    await expectCode(readSszSnappyPayload(sourceOf(new Uint8Array(11).fill(0x80)), bigBounds), SszSnappyErrorCode.INVALID_VARINT);
    await expectCode(readSszSnappyPayload(sourceOf(Uint8Array.from([0xd4, 0x00])), bigBounds), SszSnappyErrorCode.INVALID_VARINT);
    await expectCode(readSszSnappyPayload(sourceOf(Uint8Array.from([0xd4])), bigBounds), SszSnappyErrorCode.TRUNCATED);
  });

  it("length prefix larger than the data actually sent (truncated) and smaller (too many bytes)", async () => {
    const frames = good.subarray(1);
    await expectCode(readSszSnappyPayload(sourceOf(concat([encodeVarint(100), frames])), bigBounds), SszSnappyErrorCode.TRUNCATED);
    await expectCode(readSszSnappyPayload(sourceOf(concat([encodeVarint(50), frames])), bigBounds), SszSnappyErrorCode.TOO_MANY_BYTES);
  });

  it("every truncation of a good payload is TRUNCATED, never a hang or a crash", async () => {
    for (let cut = 1; cut < good.length; cut++) {
      await expectCode(readSszSnappyPayload(sourceOf(good.subarray(0, cut)), statusBounds), SszSnappyErrorCode.TRUNCATED);
    }
  });

  it("missing stream identifier, reserved chunk types, bad identifier", async () => {
    const body = concat([crcLE(statusBytes), statusBytes]);
    await expectCode(readSszSnappyPayload(sourceOf(concat([encodeVarint(84), frame(0x01, body)])), statusBounds), SszSnappyErrorCode.INVALID_FRAME);
    await expectCode(
      readSszSnappyPayload(sourceOf(concat([encodeVarint(84), STREAM_IDENTIFIER, frame(0x05, body)])), statusBounds),
      SszSnappyErrorCode.INVALID_FRAME
    );
    const badId = Uint8Array.from(STREAM_IDENTIFIER);
    badId[5] = 0x00;
    await expectCode(readSszSnappyPayload(sourceOf(concat([encodeVarint(84), badId])), statusBounds), SszSnappyErrorCode.INVALID_FRAME);
  });

  it("skippable padding chunks are skipped", async () => {
    const body = concat([crcLE(statusBytes), statusBytes]);
    const bytes = concat([encodeVarint(84), STREAM_IDENTIFIER, frame(0xfe, new Uint8Array(3)), frame(0x01, body)]);
    assert.deepEqual(await readSszSnappyPayload(sourceOf(bytes), statusBounds), statusBytes);
  });

  it("bad CRC on a compressed and on an uncompressed chunk", async () => {
    const wrongCrc = Uint8Array.from([1, 2, 3, 4]);
    const raw = concat([encodeVarint(84), STREAM_IDENTIFIER, frame(0x01, concat([wrongCrc, statusBytes]))]);
    await expectCode(readSszSnappyPayload(sourceOf(raw), statusBounds), SszSnappyErrorCode.BAD_CHECKSUM);
    const compressed = concat([encodeVarint(84), STREAM_IDENTIFIER, frame(0x00, concat([wrongCrc, compressSync(statusBytes)]))]);
    await expectCode(readSszSnappyPayload(sourceOf(compressed), statusBounds), SszSnappyErrorCode.BAD_CHECKSUM);
  });

  it("bad snappy: garbage block, and a tiny block declaring 4 GiB (no allocation)", async () => {
    const garbage = concat([encodeVarint(84), STREAM_IDENTIFIER, frame(0x00, concat([crcLE(statusBytes), Uint8Array.from([84, 0xff, 0xff, 0xff, 0xff, 0xff])]))]);
    await expectCode(readSszSnappyPayload(sourceOf(garbage), statusBounds), SszSnappyErrorCode.INVALID_SNAPPY);
    const bomb = concat([encodeVarint(10_000_000), STREAM_IDENTIFIER, frame(0x00, concat([crcLE(statusBytes), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0])]))]);
    await expectCode(readSszSnappyPayload(sourceOf(bomb), bigBounds), SszSnappyErrorCode.INVALID_FRAME);
  });

  it("frames beyond max_compressed_len(n) are refused before being read", async () => {
    // 84 bytes announced, then padding far past max_compressed_len(84) = 130
    const bytes = concat([encodeVarint(84), STREAM_IDENTIFIER, frame(0xfe, new Uint8Array(200))]);
    assert.equal(maxCompressedLen(84), 130);
    await expectCode(readSszSnappyPayload(sourceOf(bytes), statusBounds), SszSnappyErrorCode.TOO_MANY_BYTES);
  });

  it("valid framing of invalid SSZ is INVALID_SSZ", async () => {
    // a MetaDataV2 whose syncnets byte has bits above SYNC_COMMITTEE_SUBNET_COUNT set
    const bytes = new Uint8Array(p2p.MetaDataV2.fixedSize as number);
    bytes[bytes.length - 1] = 0xf0;
    await expectCode(readSszSnappyRequest(sourceOf(encodeSszSnappyBytes(bytes)), p2p.MetaDataV2), SszSnappyErrorCode.INVALID_SSZ);
  });

  it("random byte strings never escape as anything but an SszSnappyError", async () => {
    let seed = 12345;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const codes = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({length: 1 + (rand() % 60)}, rand);
      // half the cases start from a valid prefix + identifier so the frame parser gets exercised
      const input = i % 2 === 0 ? concat([good.subarray(0, 11), bytes]) : bytes;
      try {
        await readSszSnappyRequest(sourceOf(input, 3), p2p.Status);
        codes.set("ok", (codes.get("ok") ?? 0) + 1);
      } catch (e) {
        assert.ok(e instanceof SszSnappyError, `unexpected ${String(e)}`);
        codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
      }
    }
    assert.ok(codes.size >= 4, JSON.stringify([...codes]));
  });
});
