import {strict as assert} from "node:assert";
import {deserializeSszChunks, serializeSszChunks} from "../../src/routes/route.js";

describe("chunked SSZ responses (getLightClientUpdatesByRange)", () => {
  it("writes response_chunk_len (LE uint64 of context + payload), the context, the payload", () => {
    const bytes = serializeSszChunks([
      {context: Uint8Array.of(1, 2, 3, 4), payload: Uint8Array.of(9, 9)},
      {context: Uint8Array.of(5, 6, 7, 8), payload: Uint8Array.of()},
    ]);
    assert.deepEqual([...bytes], [6, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 9, 9, 4, 0, 0, 0, 0, 0, 0, 0, 5, 6, 7, 8]);
    const back = deserializeSszChunks(bytes, 4);
    assert.deepEqual(back.map((c) => [[...c.context], [...c.payload]]), [[[1, 2, 3, 4], [9, 9]], [[5, 6, 7, 8], []]]);
  });

  it("an empty sequence is zero bytes", () => {
    assert.equal(serializeSszChunks([]).length, 0);
    assert.deepEqual(deserializeSszChunks(new Uint8Array(0), 4), []);
  });

  it("a truncated body is an error naming the byte", () => {
    const bytes = serializeSszChunks([{context: Uint8Array.of(1, 2, 3, 4), payload: Uint8Array.of(7, 7, 7)}]);
    assert.throws(() => deserializeSszChunks(bytes.subarray(0, bytes.length - 1), 4), /chunk at byte 0 claims 7 bytes, 6 remain/);
    assert.throws(() => deserializeSszChunks(bytes.subarray(0, 5), 4), /truncated chunk length at byte 0/);
  });
});
