// Every operation of the Beacon API yaml (../shared/apis/beacon-APIs), asked of the node's API over
// a dev chain and checked against the yaml's schemas with ajv: the route list comes from the yaml,
// so an operation the node does not serve fails here. gloas-only operations wait for gloas.
import {strict as assert} from "node:assert";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {beaconApiRoutes, compareToExample, deserializeSszChunks, loadEventExamples, loadOpenApiSpec, MINIMAL_PRESET_SIZES, type OapiOperation, type OpenApiSpec} from "@hearth/api";
import {toHex} from "@hearth/config";
import {ACTIVE_PRESET, SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import {altair, sszTypesFor} from "@hearth/types";
import {CASES, type Request} from "./conformance/cases.js";
import {Signers, startConformanceChain, type ConformanceChain} from "./conformance/chain.js";

const SHARED = process.env.HEARTH_SHARED ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../../shared");
const YAML = path.join(SHARED, "apis/beacon-APIs/beacon-node-oapi.yaml");
const SSZ = "application/octet-stream";
/** Topics one slot of the dev chain produces; the event stream check waits for each. */
const EVENTS_PRODUCED = ["head", "block", "block_gossip", "payload_attributes", "single_attestation", "light_client_optimistic_update", "data_column_sidecar"];
/**
 * Fields an event has beyond the yaml's example, where the yaml documents them: the payload_attributes
 * example is gloas's, and parent_block_number is "removed from gloas onwards".
 */
const EVENT_EXTRA_KEYS: Record<string, string[]> = {payload_attributes: ["parent_block_number"]};
/**
 * The yaml gives events no schema, only an example each; where an operation's 200 body is the same
 * object as the event (a versioned light-client update), the event is held to that schema instead:
 * the examples are altair's, the fork's own fields would be missing from them.
 */
const EVENT_SCHEMA_OPERATION: Record<string, string> = {
  light_client_finality_update: "getLightClientFinalityUpdate",
  light_client_optimistic_update: "getLightClientOptimisticUpdate",
};
/** Slots run before the checks: four epochs of minimal, enough to finalize. */
const SLOTS = 34;

// the chain runs the minimal preset: the yaml's mainnet-sized vectors are read at minimal's sizes
const spec: OpenApiSpec = loadOpenApiSpec(YAML, MINIMAL_PRESET_SIZES);
const eventExamples = loadEventExamples(YAML);
// mutating POSTs last: publishing moves the head the other checks read
const LAST = ["publishBlockV2", "publishBlindedBlockV2"];
const operations = spec.operations
  .filter((op) => !op.gloasOnly)
  .sort((a, b) => Number(LAST.includes(a.operationId)) - Number(LAST.includes(b.operationId)) || Number(a.method === "POST") - Number(b.method === "POST"));

function url(base: string, op: OapiOperation, req: Request, override: {path?: Record<string, string>; query?: Record<string, string>} = {}): string {
  const values = {...req.path, ...override.path};
  const p = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`${op.operationId}: the case gives no ${name}`);
    return encodeURIComponent(String(values[name]));
  });
  const qs = new URLSearchParams({...req.query, ...override.query}).toString();
  return `${base}${p}${qs === "" ? "" : `?${qs}`}`;
}

async function call(u: string, op: OapiOperation, headers: Record<string, string> = {}, body?: unknown): Promise<{status: number; type: string; json: unknown; bytes: Uint8Array; headers: Headers}> {
  const init: RequestInit = {method: op.method, headers: {...headers}};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await fetch(u, init);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = (res.headers.get("content-type") ?? "").split(";")[0];
  let json: unknown = null;
  if (type === "application/json") json = JSON.parse(Buffer.from(bytes).toString("utf8"));
  return {status: res.status, type, json, bytes, headers: res.headers};
}

/**
 * Where the node knowingly departs from the yaml: each entry is the one schema error it tolerates,
 * and the check still asserts that error occurs (so the entry goes when the yaml or node changes)
 * and that nothing else is wrong. Listed in the test's output.
 */
const KNOWN_DEVIATIONS: {operationId: string; error: string; why: string}[] = [
  {
    operationId: "getNodeVersionV2",
    error: "/data/beacon_node/code must be equal to one of the allowed values",
    why: 'beacon_node.code is "HE": the yaml\'s ClientCode enum lists registered clients only, Hearth is not one, and claiming another client\'s code would be false',
  },
];

/** The response's schema errors, less the known deviation of `operationId` (which must be among them). */
function validateWithDeviations(operationId: string, status: number, body: unknown): string[] | null {
  const errors = spec.validateResponse(operationId, status, body);
  const deviations = KNOWN_DEVIATIONS.filter((d) => d.operationId === operationId);
  if (deviations.length === 0) return errors;
  for (const d of deviations) assert.ok(errors?.some((e) => e.startsWith(d.error)), `${operationId}: the known deviation "${d.error}" no longer occurs: remove it from KNOWN_DEVIATIONS`);
  const rest = (errors ?? []).filter((e) => !deviations.some((d) => e.startsWith(d.error)));
  return rest.length === 0 ? null : rest;
}

function successStatuses(op: OapiOperation): number[] {
  return Object.keys(op.responses).filter((s) => s.startsWith("2")).map(Number);
}

describe("Beacon API conformance to the OpenAPI yaml, over a dev chain", function () {
  this.timeout(60_000);
  let c: ConformanceChain;
  let signers: Signers;

  before(async function () {
    this.timeout(120_000);
    assert.equal(ACTIVE_PRESET, "minimal", "run with HEARTH_PRESET=minimal (npm run test:e2e does)");
    c = await startConformanceChain(SLOTS);
    signers = new Signers(c.h);
  });
  after(async () => {
    await c?.close();
    for (const d of KNOWN_DEVIATIONS) console.log(`      known deviation: ${d.operationId}: ${d.error} (${d.why})`);
  });

  it("the node's route table matches the yaml (method and path of each operationId)", () => {
    for (const route of Object.values(beaconApiRoutes)) {
      const op = spec.operations.find((o) => o.operationId === route.operationId);
      assert.ok(op !== undefined, `${route.operationId} is not in the yaml`);
      assert.deepEqual([route.method, route.path], [op.method, op.path], route.operationId);
    }
  });

  it("the chain under test finalized", () => {
    assert.ok(c.h.chain.forkChoice.finalizedCheckpoint.epoch >= 2, `finalized epoch ${c.h.chain.forkChoice.finalizedCheckpoint.epoch}`);
  });

  for (const op of operations) {
    it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
      const caseFn = CASES[op.operationId];
      assert.ok(caseFn !== undefined, `no conformance case for ${op.operationId}: the node's answer is unchecked`);
      const req = await caseFn(c, signers);
      if (op.operationId === "eventstream") return checkEventstream(op, req);

      const res = await call(url(c.url, op, req), op, req.headers, req.body);
      const expected = req.expect ?? successStatuses(op);
      const detail = res.json !== null ? JSON.stringify(res.json).slice(0, 400) : `${res.bytes.length} bytes`;
      assert.ok(expected.includes(res.status), `${op.operationId}: status ${res.status}, expected ${expected.join("/")}: ${detail}`);
      if (req.body !== undefined) assert.equal(spec.validateRequest(op.operationId, req.body, {fork: req.headers?.["eth-consensus-version"]}), null, "the case's own body conforms");
      const content = op.responses[String(res.status)]?.content ?? {};
      if (Object.keys(content).length > 0) {
        assert.equal(res.type, "application/json", `${op.operationId}: content type ${res.type}`);
        assert.equal(validateWithDeviations(op.operationId, res.status, res.json), null, `${op.operationId} ${res.status}: ${detail}`);
      }
      const version = (res.json as {version?: string} | null)?.version;
      if (version !== undefined && op.responses[String(res.status)].headers.includes("Eth-Consensus-Version")) {
        assert.equal(res.headers.get("eth-consensus-version"), version, "Eth-Consensus-Version header");
      }

      // SSZ where the spec offers it, for reads (a POST's SSZ answer would repeat its effect)
      if (op.method === "GET" && SSZ in (op.responses[String(res.status)]?.content ?? {})) {
        const ssz = await call(url(c.url, op, req), op, {...req.headers, accept: SSZ});
        assert.equal(ssz.status, res.status, `${op.operationId} as SSZ: ${ssz.status} ${Buffer.from(ssz.bytes).toString("utf8").slice(0, 200)}`);
        assert.equal(ssz.type, SSZ, `${op.operationId} as SSZ: content type`);
        if (version !== undefined) assert.equal(ssz.headers.get("eth-consensus-version"), version);
        if (op.operationId === "getLightClientUpdatesByRange") checkUpdateChunks(res.json as {version: ForkName; data: unknown}[], ssz.bytes);
      }
      if (op.operationId === "getNodeVersionV2") assert.equal((res.json as {data: {beacon_node: {code: string}}}).data.beacon_node.code, "HE");

      if (req.bad !== undefined) {
        const bad = await call(url(c.url, op, req, req.bad), op, req.bad.headers ?? req.headers, req.bad.body ?? req.body);
        assert.equal(bad.status, 400, `${op.operationId} with a wrong ${req.bad.names}: ${JSON.stringify(bad.json)}`);
        const message = (bad.json as {message?: string} | null)?.message ?? "";
        assert.ok(message.includes(req.bad.names), `${op.operationId}: 400 message ${JSON.stringify(message)} does not name ${req.bad.names}`);
        if (op.responses["400"]?.content["application/json"] !== undefined) assert.equal(spec.validateResponse(op.operationId, 400, bad.json), null, `${op.operationId} 400 body`);
        else assert.equal(typeof (bad.json as {code?: unknown}).code, "number");
      }
    });
  }

  /** The SSZ answer is the spec's chunk sequence: one chunk per JSON item, its context the digest at the attested header's epoch. */
  function checkUpdateChunks(json: {version: ForkName; data: unknown}[], bytes: Uint8Array): void {
    const chunks = deserializeSszChunks(bytes, 4);
    assert.ok(json.length > 0, "the dev chain has an update for period 0");
    assert.equal(chunks.length, json.length, "one SSZ chunk per update");
    chunks.forEach((chunk, i) => {
      const type = (sszTypesFor(json[i].version) as unknown as {LightClientUpdate: typeof altair.LightClientUpdate}).LightClientUpdate;
      const update = type.deserialize(chunk.payload);
      assert.deepEqual(type.toJson(update), json[i].data, `chunk ${i} payload`);
      const epoch = Math.floor(update.attestedHeader.beacon.slot / SLOTS_PER_EPOCH);
      assert.equal(toHex(chunk.context), toHex(c.h.beaconConfig.forkDigestAtEpoch(epoch)), `chunk ${i} context`);
    });
  }

  /**
   * Opens the stream on every topic of the case, runs one slot (a block with its payload and, when
   * the chain carries blobs, its columns; every committee's attestations), and checks that each
   * topic the slot produces arrives and that every event's data has the shape of the yaml's example.
   */
  async function checkEventstream(op: OapiOperation, req: Request): Promise<void> {
    const topics = String(req.query?.topics).split(",");
    assert.equal(spec.validateParameter(op.operationId, "topics", topics), null, "the yaml lists every topic asked for");
    const controller = new AbortController();
    const res = await fetch(url(c.url, op, req), {signal: controller.signal, headers: {accept: "text/event-stream"}});
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    const reader = res.body!.getReader();
    const next = c.h.chain.clock.currentSlot + 1;
    // sync messages of the slot before: the block's sync aggregate makes a light-client update
    await c.h.syncSign(next - 1);
    c.h.setSlot(next);
    await c.h.proposeAndImport(next);
    await c.h.attest(next);
    const received = new Map<string, unknown[]>();
    let text = "";
    const deadline = Date.now() + 5000;
    while (EVENTS_PRODUCED.some((t) => !received.has(t)) && Date.now() < deadline) {
      const {value, done} = await Promise.race([reader.read(), new Promise<{value: undefined; done: true}>((r) => setTimeout(() => r({value: undefined, done: true}), deadline - Date.now()))]);
      if (done) break;
      text += Buffer.from(value).toString("utf8");
      let end: number;
      while ((end = text.indexOf("\n\n")) !== -1) {
        const frame = text.slice(0, end);
        text = text.slice(end + 2);
        const m = /^event: (\w+)\ndata: (.*)$/m.exec(frame);
        if (m === null) continue;
        received.set(m[1], [...(received.get(m[1]) ?? []), JSON.parse(m[2]) as unknown]);
      }
    }
    controller.abort();
    console.log(`      events received: ${[...received].map(([t, list]) => `${t}×${list.length}`).join(", ")}`);
    for (const topic of EVENTS_PRODUCED) assert.ok(received.has(topic), `no ${topic} event (received ${[...received.keys()].join(", ")})`);
    for (const [topic, list] of received) {
      assert.ok(topics.includes(topic), `${topic} was not asked for`);
      const example = eventExamples[topic];
      assert.ok(example !== undefined, `the yaml has no example of ${topic}`);
      const schemaOf = EVENT_SCHEMA_OPERATION[topic];
      for (const data of list) {
        const detail = `${topic}: ${JSON.stringify(data).slice(0, 300)}`;
        if (schemaOf !== undefined) assert.equal(spec.validateResponse(schemaOf, 200, data), null, detail);
        else assert.deepEqual(compareToExample(data, example, EVENT_EXTRA_KEYS[topic] ?? []), [], detail);
      }
    }
    const head = received.get("head")![0] as {slot: string};
    assert.equal(head.slot, String(next), "the head event names the new block's slot");
    const attrs = received.get("payload_attributes")![0] as {version: string; data: {proposal_slot: string}};
    assert.deepEqual([attrs.version, attrs.data.proposal_slot], ["fulu", String(next)], "payload attributes for the block built");
    if (req.bad !== undefined) {
      const bad = await call(url(c.url, op, req, req.bad), op);
      assert.equal(bad.status, 400);
      assert.ok(String((bad.json as {message?: string}).message).includes(req.bad.names));
    }
  }
});
