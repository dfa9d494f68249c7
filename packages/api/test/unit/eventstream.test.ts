import {strict as assert} from "node:assert";
import {setTimeout as sleep} from "node:timers/promises";
import {toHex} from "@hearth/config";
import {phase0} from "@hearth/types";
import {createBeaconApiClient, createBeaconApiServer, subscriptionIterable, type BeaconEvent} from "../../src/index.js";
import {ROOT_A, ROOT_B} from "./fakeImpl.js";
import {getJson, startTestServer, type TestContext} from "./helpers.js";

async function until(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const headEvent: BeaconEvent = {
  type: "head",
  message: {
    slot: 10,
    block: ROOT_A,
    state: ROOT_B,
    epochTransition: false,
    previousDutyDependentRoot: ROOT_A,
    currentDutyDependentRoot: ROOT_B,
    executionOptimistic: false,
  },
};
const blockEvent: BeaconEvent = {type: "block", message: {slot: 11, block: ROOT_B, executionOptimistic: false}};
const finalizedEvent: BeaconEvent = {type: "finalized_checkpoint", message: {block: ROOT_A, state: ROOT_B, epoch: 2, executionOptimistic: false}};

describe("event stream", function () {
  this.timeout(10_000);
  let t: TestContext;
  beforeEach(async () => (t = await startTestServer()));
  afterEach(async () => t.server.close());

  it("delivers events in order through the client, and unsubscribes on disconnect", async () => {
    const controller = new AbortController();
    const received: BeaconEvent[] = [];
    const reading = (async () => {
      for await (const event of t.client.eventstream(["head", "block"], {signal: controller.signal})) {
        received.push(event);
        if (received.length === 2) break;
      }
    })();
    await until(() => t.node.listeners() === 1, "the subscription");
    t.node.emit(finalizedEvent); // not subscribed: filtered out
    t.node.emit(headEvent);
    t.node.emit(blockEvent);
    await reading;
    assert.deepEqual(received.map((e) => e.type), ["head", "block"]);
    assert.deepEqual(received[0], headEvent);
    assert.deepEqual(received[1], blockEvent);
    await until(() => t.node.listeners() === 0, "the unsubscription after disconnect");
  });

  it("writes `event:` and `data:` lines in the spec's JSON", async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/eth/v1/events?topics=finalized_checkpoint,attestation`, {signal: controller.signal});
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    await until(() => t.node.listeners() === 1, "the subscription");
    const attestation = {...phase0.Attestation.defaultValue(), signature: new Uint8Array(96).fill(1)};
    t.node.emit(finalizedEvent);
    t.node.emit({type: "attestation", message: attestation});
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (text.split("\n\n").length < 3) text += new TextDecoder().decode((await reader.read()).value);
    const frames = text.split("\n\n");
    assert.equal(
      frames[0],
      `event: finalized_checkpoint\ndata: {"block":"${toHex(ROOT_A)}","state":"${toHex(ROOT_B)}","epoch":"2","execution_optimistic":false}`,
    );
    assert.equal(frames[1], `event: attestation\ndata: ${JSON.stringify(phase0.Attestation.toJson(attestation))}`);
    controller.abort();
    await until(() => t.node.listeners() === 0, "the unsubscription after abort");
  });

  it("keeps an idle stream alive with comment lines, which the client skips", async () => {
    const server = createBeaconApiServer({implementation: t.node.impl, port: 0, eventstreamHeartbeatMs: 20});
    const {url} = await server.listen();
    try {
      const controller = new AbortController();
      const res = await fetch(`${url}/eth/v1/events?topics=head`, {signal: controller.signal});
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      assert.match(new TextDecoder().decode((await reader.read()).value), /^(:\n\n)+$/);
      controller.abort();
      const client = createBeaconApiClient({baseUrl: url});
      const events: BeaconEvent[] = [];
      const reading = (async () => {
        for await (const e of client.eventstream(["head"])) {
          events.push(e);
          break;
        }
      })();
      await until(() => t.node.listeners() === 1, "the subscription");
      await sleep(60);
      t.node.emit(headEvent);
      await reading;
      assert.deepEqual(events, [headEvent]);
    } finally {
      await server.close();
    }
  });

  it("rejects unknown and missing topics with 400", async () => {
    const unknown = await getJson(`${t.url}/eth/v1/events?topics=head,weather`);
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.message as string, /^Invalid query param topics: .*"weather"/);
    const missing = await getJson(`${t.url}/eth/v1/events`);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.message, "Missing required query param topics");
    assert.equal(t.node.listeners(), 0);
  });

  it("ends open streams when the server closes", async () => {
    const events: BeaconEvent[] = [];
    const reading = (async () => {
      for await (const e of t.client.eventstream(["head"])) events.push(e);
    })();
    await until(() => t.node.listeners() === 1, "the subscription");
    t.node.emit(headEvent);
    await until(() => events.length === 1, "the event");
    await t.server.close();
    await reading;
    assert.equal(t.node.listeners(), 0);
  });
});

describe("subscriptionIterable", () => {
  it("ends when the signal aborts, and cuts off a consumer that falls behind", async () => {
    let push: (n: number) => void = () => {};
    let unsubscribed = 0;
    const controller = new AbortController();
    const it = subscriptionIterable<number>((p) => ((push = p), () => unsubscribed++), controller.signal, 2)[Symbol.asyncIterator]();
    push(1);
    assert.deepEqual(await it.next(), {value: 1, done: false});
    const pending = it.next();
    push(2);
    assert.deepEqual(await pending, {value: 2, done: false});
    controller.abort();
    assert.deepEqual(await it.next(), {value: undefined, done: true});
    assert.equal(unsubscribed, 1);

    const slow = subscriptionIterable<number>((p) => ((push = p), () => {}), new AbortController().signal, 2)[Symbol.asyncIterator]();
    push(1);
    push(2);
    push(3);
    await assert.rejects(slow.next(), /fell more than 2 events behind/);
  });
});
