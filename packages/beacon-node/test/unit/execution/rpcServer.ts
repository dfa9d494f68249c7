// A local JSON-RPC server on 127.0.0.1 (random port) standing in for an execution client's engine port.
import {createServer, type IncomingHttpHeaders} from "node:http";
import type {AddressInfo} from "node:net";

export interface RpcCall {
  method: string;
  params: unknown[];
  id: unknown;
  headers: IncomingHttpHeaders;
}

/** What to answer: a result, or a raw HTTP status/body, or nothing at all (a hung engine). */
export type RpcReply = {result: unknown} | {error: {code: number; message: string; data?: unknown}} | {status: number; body: string} | {hang: true};

export interface RpcServer {
  url: string;
  calls: RpcCall[];
  close(): Promise<void>;
}

export async function startRpcServer(reply: (call: RpcCall) => RpcReply): Promise<RpcServer> {
  const calls: RpcCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {method: string; params: unknown[]; id: unknown};
      const call: RpcCall = {method: body.method, params: body.params, id: body.id, headers: req.headers};
      calls.push(call);
      const r = reply(call);
      if ("hang" in r) return;
      if ("status" in r) {
        res.writeHead(r.status, {"Content-Type": "application/json"}).end(r.body);
        return;
      }
      res.writeHead(200, {"Content-Type": "application/json"}).end(JSON.stringify({jsonrpc: "2.0", id: body.id, ...r}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung requests and keep-alive sockets would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
