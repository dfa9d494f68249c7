// The /metrics endpoint for Prometheus, shared by the beacon node and the validator client. The
// registry is taken by its shape (prom-client's Registry has it), so this package needs no metrics library.
import http from "node:http";

export interface MetricsRegistry {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Serves the registry at /metrics. Bound to 127.0.0.1 on port 8008 unless told otherwise. */
export async function startMetricsServer(registry: MetricsRegistry, opts: {host?: string; port?: number} = {}): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, {"content-type": "text/plain"}).end("not found: try /metrics\n");
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, {"content-type": registry.contentType}).end(body),
      (e: Error) => res.writeHead(500, {"content-type": "text/plain"}).end(`metrics failed: ${e.message}\n`)
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8008, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : (opts.port ?? 8008),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
