import {strict as assert} from "node:assert";
import {electra} from "@hearth/types";
import {getExecutionRequestsList} from "@hearth/state-transition";
import {ExecutionEngineError, ExecutionEngineErrorCode, executionPayloadType} from "../../../src/execution/index.js";
import {bytesToData, dataToBytes, numberToQuantity, quantityToBigint, quantityToNumber} from "../../../src/execution/encoding.js";
import {parseExecutionPayload, parsePayloadAttributes, serializeExecutionPayload, serializePayloadAttributes} from "../../../src/execution/payload.js";
import {getExecutionRequests, parseBlobsBundle, parsePayloadStatus} from "../../../src/execution/response.js";
import {POST_MERGE_FORKS, filled, samplePayload} from "./fixtures.js";

function malformedAt(path: string) {
  return (e: unknown) => e instanceof ExecutionEngineError && e.code === ExecutionEngineErrorCode.MALFORMED_RESPONSE && e.detail.path === path;
}

describe("execution / JSON encoding", () => {
  it("encodes QUANTITY without leading zeros and 0 as 0x0", () => {
    assert.equal(numberToQuantity(0), "0x0");
    assert.equal(numberToQuantity(255), "0xff");
    assert.equal(numberToQuantity(30_000_000), "0x1c9c380");
    assert.equal(numberToQuantity(2n ** 255n), "0x8" + "0".repeat(63));
    assert.throws(() => numberToQuantity(-1), /not a QUANTITY/);
    assert.throws(() => numberToQuantity(Infinity), /not a QUANTITY/);
  });

  it("decodes QUANTITY within its width", () => {
    assert.equal(quantityToNumber("0x1c9c380", "q"), 30_000_000);
    assert.equal(quantityToNumber("0x00ff", "q"), 255);
    assert.equal(quantityToBigint("0x" + "f".repeat(64), "q"), 2n ** 256n - 1n);
    assert.throws(() => quantityToNumber("0x" + "1".padEnd(17, "0"), "q"), malformedAt("q"));
    assert.throws(() => quantityToNumber("0x20000000000000", "q"), /exceeds 2\*\*53/);
    assert.throws(() => quantityToNumber(12, "q"), malformedAt("q"));
    assert.throws(() => quantityToNumber("0x", "q"), malformedAt("q"));
  });

  it("encodes and checks DATA", () => {
    assert.equal(bytesToData(new Uint8Array([0, 1, 0xab])), "0x0001ab");
    assert.equal(bytesToData(new Uint8Array(0)), "0x");
    assert.deepEqual(dataToBytes("0x0001AB", "d", 3), new Uint8Array([0, 1, 0xab]));
    assert.throws(() => dataToBytes("0x123", "d"), malformedAt("d"));
    assert.throws(() => dataToBytes("0x1234", "d", 3), /expected 3 bytes, got 2/);
    assert.throws(() => dataToBytes(null, "d"), malformedAt("d"));
  });

  for (const fork of POST_MERGE_FORKS) {
    it(`round-trips a ${fork} ExecutionPayload`, () => {
      const payload = samplePayload(fork);
      const json = serializeExecutionPayload(fork, payload);
      const back = parseExecutionPayload(fork, JSON.parse(JSON.stringify(json)));
      const type = executionPayloadType(fork);
      assert.deepEqual(type.hashTreeRoot(back), type.hashTreeRoot(payload));
      assert.equal(json.baseFeePerGas, "0x" + (2n ** 200n + 7n).toString(16));
      assert.equal(json.blockNumber, "0x12d687");
    });
  }

  it("writes the fields of each payload version: V1 bellatrix, V2 capella, V3 deneb on", () => {
    const keys = (fork: "bellatrix" | "capella" | "deneb" | "fulu") => Object.keys(serializeExecutionPayload(fork, samplePayload(fork)));
    assert.equal(keys("bellatrix").length, 14);
    assert.ok(!keys("bellatrix").includes("withdrawals"));
    assert.deepEqual(keys("capella").slice(14), ["withdrawals"]);
    assert.deepEqual(keys("deneb").slice(14), ["withdrawals", "blobGasUsed", "excessBlobGas"]);
    assert.deepEqual(keys("fulu"), keys("deneb"));
    const w = serializeExecutionPayload("capella", samplePayload("capella")).withdrawals as unknown[];
    assert.deepEqual(w[0], {index: "0x0", validatorIndex: "0x5", address: "0x" + "aa".repeat(20), amount: "0x773594000"});
  });

  it("names the bad field of a malformed payload", () => {
    const json = serializeExecutionPayload("deneb", samplePayload("deneb"));
    assert.throws(() => parseExecutionPayload("deneb", {...json, feeRecipient: "0x00"}), malformedAt("executionPayload.feeRecipient"));
    assert.throws(() => parseExecutionPayload("deneb", {...json, extraData: "0x" + "00".repeat(33)}), malformedAt("executionPayload.extraData"));
    const {blobGasUsed: _, ...noBlobGas} = json;
    assert.throws(() => parseExecutionPayload("deneb", noBlobGas), malformedAt("executionPayload.blobGasUsed"));
    assert.throws(() => parseExecutionPayload("deneb", {...json, withdrawals: [{index: "0x1"}]}), malformedAt("executionPayload.withdrawals[0].validatorIndex"));
    assert.throws(() => parseExecutionPayload("deneb", []), malformedAt("executionPayload"));
  });

  it("writes PayloadAttributesV1..V3 and refuses attributes missing a field of their fork", () => {
    const attrs = {timestamp: 12, prevRandao: filled(32, 1), suggestedFeeRecipient: filled(20, 2), withdrawals: [], parentBeaconBlockRoot: filled(32, 3)};
    assert.deepEqual(Object.keys(serializePayloadAttributes("bellatrix", attrs)), ["timestamp", "prevRandao", "suggestedFeeRecipient"]);
    assert.deepEqual(Object.keys(serializePayloadAttributes("capella", attrs)), ["timestamp", "prevRandao", "suggestedFeeRecipient", "withdrawals"]);
    const v3 = serializePayloadAttributes("electra", attrs);
    assert.equal(v3.parentBeaconBlockRoot, "0x" + "03".repeat(32));
    assert.deepEqual(parsePayloadAttributes("electra", v3), attrs);
    assert.throws(() => serializePayloadAttributes("deneb", {...attrs, parentBeaconBlockRoot: undefined}), /needs parentBeaconBlockRoot/);
  });

  it("reads a PayloadStatusV1 and refuses an unknown status", () => {
    assert.deepEqual(parsePayloadStatus({status: "INVALID", latestValidHash: "0x" + "11".repeat(32), validationError: "bad"}), {
      status: "INVALID",
      latestValidHash: filled(32, 0x11),
      validationError: "bad",
    });
    assert.deepEqual(parsePayloadStatus({status: "SYNCING", latestValidHash: null, validationError: null}), {status: "SYNCING", latestValidHash: null, validationError: null});
    assert.throws(() => parsePayloadStatus({status: "MAYBE"}), malformedAt("payloadStatus.status"));
  });

  it("checks a blobs bundle's lengths: one proof per blob in V1, 128 cell proofs per blob in V2", () => {
    const blob = "0x" + "00".repeat(131072);
    const kzg = "0x" + "c0".repeat(48);
    assert.equal(parseBlobsBundle({commitments: [kzg], proofs: [kzg], blobs: [blob]}, 1).blobs[0].length, 131072);
    assert.throws(() => parseBlobsBundle({commitments: [kzg], proofs: [kzg], blobs: [blob]}, 2), /128 proof\(s\) per blob/);
    assert.equal(parseBlobsBundle({commitments: [kzg], proofs: Array(128).fill(kzg), blobs: [blob]}, 2).proofs.length, 128);
    assert.throws(() => parseBlobsBundle({commitments: [kzg], proofs: [kzg], blobs: ["0x00"]}, 1), malformedAt("result.blobsBundle.blobs[0]"));
  });

  it("get_execution_requests inverts get_execution_requests_list and enforces its order and types", () => {
    const requests: electra.ExecutionRequests = {
      deposits: [{pubkey: filled(48, 1), withdrawalCredentials: filled(32, 2), amount: 32_000_000_000, signature: filled(96, 3), index: 7n}],
      withdrawals: [],
      consolidations: [{sourceAddress: filled(20, 4), sourcePubkey: filled(48, 5), targetPubkey: filled(48, 6)}],
    };
    const list = getExecutionRequestsList(requests);
    assert.deepEqual(list.map((r) => r[0]), [0, 2]);
    assert.deepEqual(electra.ExecutionRequests.hashTreeRoot(getExecutionRequests(list)), electra.ExecutionRequests.hashTreeRoot(requests));
    assert.deepEqual(getExecutionRequests([]), {deposits: [], withdrawals: [], consolidations: []});
    assert.throws(() => getExecutionRequests([list[1], list[0]]), malformedAt("executionRequests[1]"));
    assert.throws(() => getExecutionRequests([new Uint8Array([1])]), /type byte and non-empty data/);
    assert.throws(() => getExecutionRequests([new Uint8Array([3, 0])]), /unknown request type 3/);
    assert.throws(() => getExecutionRequests([new Uint8Array([0, 1, 2])]), malformedAt("executionRequests[0]"));
  });
});
