// Serves the validator client's registry at /metrics. The validator package may not use the beacon
// node's server (imports only run down the package list), and this is all it needs.
import http from "node:http";
import type {Registry} from "prom-client";

export interface ValidatorMetricsServer {
  port: number;
  close(): Promise<void>;
}

export async function startValidatorMetricsServer(registry: Registry, opts: {host: string; port: number}): Promise<ValidatorMetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, {"content-type": "text/plain"}).end("not found: try /metrics\n");
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, {"content-type": registry.contentType}).end(body),
      (e: Error) => res.writeHead(500, {"content-type": "text/plain"}).end(`metrics failed: ${e.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : opts.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
