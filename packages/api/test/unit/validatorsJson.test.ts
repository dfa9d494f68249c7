import {strict as assert} from "node:assert";
import {phase0} from "@hearth/types";
import {createBeaconApiServer, VALIDATOR_STATUSES, ValidatorResponses, validatorResponsesFromBytes, type ValidatorResponse} from "../../src/index.js";
import {serializeValidatorResponsesGeneric} from "../../src/types/beacon.js";
import {validatorsJsonChunks} from "../../src/types/validatorsJson.js";

const FAR_FUTURE_EPOCH = Infinity;

function sample(n: number): ValidatorResponse[] {
  return Array.from({length: n}, (_, i) => ({
    index: i,
    balance: 32_000_000_000 + i,
    status: i % 3 === 0 ? "active_ongoing" : i % 3 === 1 ? "pending_queued" : "withdrawal_done",
    validator: {
      pubkey: new Uint8Array(48).fill(i % 256),
      withdrawalCredentials: new Uint8Array(32).fill((i * 7) % 256),
      effectiveBalance: 32_000_000_000,
      slashed: i % 5 === 0,
      activationEligibilityEpoch: i,
      activationEpoch: i % 3 === 1 ? FAR_FUTURE_EPOCH : i + 1,
      exitEpoch: FAR_FUTURE_EPOCH,
      withdrawableEpoch: i % 3 === 2 ? 100 : FAR_FUTURE_EPOCH,
    },
  }));
}

function joinChunks(chunks: Iterable<string | Uint8Array>): string {
  return [...chunks].map((c) => (typeof c === "string" ? c : Buffer.from(c).toString("latin1"))).join("");
}

/** The registry bytes a node would hand over for `list` (indices 0..n-1). */
function registryOf(list: ValidatorResponse[]): {validators: Uint8Array; balances: Uint8Array; statuses: Uint8Array} {
  const validators = Buffer.concat(list.map((r) => phase0.Validator.serialize(r.validator)));
  const balances = Buffer.alloc(list.length * 8);
  list.forEach((r, i) => balances.writeBigUInt64LE(BigInt(r.balance), i * 8));
  return {validators, balances, statuses: Uint8Array.from(list.map((r) => VALIDATOR_STATUSES.indexOf(r.status)))};
}

describe("validators from a registry's bytes", () => {
  // 2300 items of ~480 bytes: more than one ~1 MB chunk
  for (const n of [0, 1, 2300]) {
    it(`${n} validators: JSON and SSZ equal the codec's on the same values`, () => {
      const list = sample(n);
      const fast = validatorResponsesFromBytes(registryOf(list));
      const chunks = [...validatorsJsonChunks(fast)];
      if (n === 2300) assert.ok(chunks.length >= 2, `${chunks.length} chunks`);
      assert.equal(joinChunks(chunks), JSON.stringify(ValidatorResponses.toJson(list)));
      assert.deepEqual(ValidatorResponses.serialize(fast), serializeValidatorResponsesGeneric(list));
    });
  }

  it("the server streams the byte chunks inside the response's metadata, in JSON and SSZ", async function () {
    this.timeout(10_000);
    // ~2.4 MB: the third chunk is written into the first one's buffer, handed back once flushed
    const list = sample(5000);
    const server = createBeaconApiServer({
      implementation: {getStateValidators: async () => ({data: validatorResponsesFromBytes(registryOf(list)), meta: {executionOptimistic: false, finalized: true}})},
      port: 0,
    });
    const {url} = await server.listen();
    try {
      const res = await fetch(`${url}/eth/v1/beacon/states/head/validators`);
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.equal(text, `{"execution_optimistic":false,"finalized":true,"data":${JSON.stringify(ValidatorResponses.toJson(list))}}`);
      const ssz = await fetch(`${url}/eth/v1/beacon/states/head/validators`, {headers: {accept: "application/octet-stream"}});
      assert.deepEqual(new Uint8Array(await ssz.arrayBuffer()), serializeValidatorResponsesGeneric(list));
    } finally {
      await server.close();
    }
  });

  it("a subset by indices, in their order; read as an array it builds the same items", () => {
    const list = sample(50);
    const fast = validatorResponsesFromBytes({...registryOf(list), indices: Uint32Array.from([7, 3, 49])});
    const expected = [list[7], list[3], list[49]];
    assert.equal(fast.length, 3);
    assert.ok(Array.isArray(fast));
    assert.deepEqual(fast[1], list[3]);
    assert.equal(fast[3], undefined);
    assert.deepEqual([...fast], expected);
    assert.deepEqual(fast.map((r) => r.index), [7, 3, 49]);
    assert.equal(joinChunks(validatorsJsonChunks(fast)), JSON.stringify(ValidatorResponses.toJson(expected)));
    assert.deepEqual(ValidatorResponses.serialize(fast), serializeValidatorResponsesGeneric(expected));
    assert.deepEqual(JSON.stringify(ValidatorResponses.toJson(fast)), JSON.stringify(ValidatorResponses.toJson(expected)));
  });
});

describe("validators JSON written directly (the whole-registry fast path)", () => {
  for (const n of [0, 1, 2000, 4501]) {
    it(`${n} validators: the chunks join to exactly the codec's JSON`, () => {
      const list = sample(n);
      const joined = joinChunks(validatorsJsonChunks(list));
      assert.equal(joined, JSON.stringify(ValidatorResponses.toJson(list)));
      assert.ok(joined.includes('"exit_epoch":"18446744073709551615"') || n === 0);
    });
  }

  it("the SSZ written directly equals the generic serializer's, and reads back", () => {
    const list = sample(301);
    const bytes = ValidatorResponses.serialize(list);
    assert.equal(bytes.length, 301 * 138);
    assert.deepEqual(bytes, serializeValidatorResponsesGeneric(list));
    assert.deepEqual(ValidatorResponses.deserialize(bytes), list);
  });

  it("the server streams it inside the response's metadata, and it parses back", async function () {
    this.timeout(10_000);
    const list = sample(4501);
    const server = createBeaconApiServer({
      implementation: {getStateValidators: async () => ({data: list, meta: {executionOptimistic: false, finalized: true}})},
      port: 0,
    });
    const {url} = await server.listen();
    try {
      const res = await fetch(`${url}/eth/v1/beacon/states/head/validators`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type")?.split(";")[0], "application/json");
      const body = (await res.json()) as {execution_optimistic: boolean; finalized: boolean; data: unknown[]};
      assert.deepEqual(Object.keys(body), ["execution_optimistic", "finalized", "data"]);
      assert.deepEqual(ValidatorResponses.fromJson(body.data), list);
    } finally {
      await server.close();
    }
  });
});
