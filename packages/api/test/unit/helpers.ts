import {createBeaconApiClient, createBeaconApiServer, type BeaconApiClient, type BeaconApiServer, type Logger} from "../../src/index.js";
import {createFakeNode, type FakeNode} from "./fakeImpl.js";

export interface TestContext {
  server: BeaconApiServer;
  url: string;
  client: BeaconApiClient;
  node: FakeNode;
  logged: {level: string; msg: string; ctx?: Record<string, unknown>}[];
}

/** A server on 127.0.0.1 and a free port, serving a fake node, and a client for it. */
export async function startTestServer(): Promise<TestContext> {
  const node = createFakeNode();
  const logged: TestContext["logged"] = [];
  const log = (level: string) => (msg: string, ctx?: Record<string, unknown>) => logged.push({level, msg, ctx});
  const logger: Logger = {error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug")};
  const server = createBeaconApiServer({implementation: node.impl, logger, port: 0});
  const {url} = await server.listen();
  return {server, url, client: createBeaconApiClient({baseUrl: url, timeoutMs: 5000}), node, logged};
}

export async function getJson(url: string, init?: RequestInit): Promise<{status: number; body: Record<string, unknown>; headers: Headers}> {
  const res = await fetch(url, init);
  const text = await res.text();
  return {status: res.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>), headers: res.headers};
}
