// JSON-RPC 2.0 over HTTP with the engine API's JWT (execution-apis src/engine/common.md, authentication.md).
// Every failure becomes an ExecutionEngineError: callers get a code, never a raw fetch TypeError.
import {ExecutionEngineError, ExecutionEngineErrorCode, errorReason} from "./errors.js";
import {asObject, malformed} from "./encoding.js";
import {createJwtToken} from "./jwt.js";

export interface JsonRpcHttpClientOptions {
  url: string;
  /** The 32-byte secret shared with the engine; without it no Authorization header is sent. */
  jwtSecret?: Uint8Array;
  /** Optional `id` claim: this client's identifier. */
  jwtId?: string;
  /** Optional `clv` claim: this client's type/version. */
  jwtVersion?: string;
}

/** How much of an error body goes into the error's message. */
const MAX_BODY_IN_ERROR = 200;

export class JsonRpcHttpClient {
  private nextId = 1;

  constructor(private readonly opts: JsonRpcHttpClientOptions) {}

  get url(): string {
    return this.opts.url;
  }

  /** Calls `method` and returns its `result` (which may be null), or throws an ExecutionEngineError. */
  async request(method: string, params: unknown[], timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    const headers: Record<string, string> = {"Content-Type": "application/json"};
    if (this.opts.jwtSecret) {
      // A fresh token per call: the engine accepts an iat only within ±60 s of its clock.
      const token = createJwtToken(this.opts.jwtSecret, {iat: Math.floor(Date.now() / 1000), id: this.opts.jwtId, clv: this.opts.jwtVersion});
      headers.Authorization = `Bearer ${token}`;
    }
    const url = this.opts.url;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {method: "POST", headers, body: JSON.stringify({jsonrpc: "2.0", id, method, params}), signal: controller.signal});
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (controller.signal.aborted) throw new ExecutionEngineError(ExecutionEngineErrorCode.TIMEOUT, {method, url, timeoutMs});
      throw new ExecutionEngineError(ExecutionEngineErrorCode.UNREACHABLE, {method, url, reason: errorReason(e)});
    } finally {
      clearTimeout(timer);
    }

    if (status < 200 || status >= 300) {
      const hint = status === 401 || status === 403 ? "the engine refused the JWT: check that both clients use the same secret and that clocks agree; " : "";
      throw new ExecutionEngineError(ExecutionEngineErrorCode.HTTP_ERROR, {method, url, status, reason: hint + text.slice(0, MAX_BODY_IN_ERROR)});
    }
    return parseResponse(method, id, text);
  }
}

function parseResponse(method: string, id: number, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw withMethod(malformed("body", `not JSON: ${text.slice(0, MAX_BODY_IN_ERROR)}`), method);
  }
  try {
    const o = asObject(json, "body");
    if (o.error != null) {
      const err = asObject(o.error, "body.error");
      const rpcCode = typeof err.code === "number" ? err.code : undefined;
      const message = typeof err.message === "string" ? err.message : "no message";
      // -32000 Server error carries the engine's explanation in data.err.
      const data = err.data as {err?: unknown} | null | undefined;
      const reason = data && typeof data === "object" && typeof data.err === "string" ? `${message}: ${data.err}` : message;
      throw new ExecutionEngineError(ExecutionEngineErrorCode.RPC_ERROR, {method, rpcCode, reason});
    }
    if (o.jsonrpc !== "2.0") throw malformed("body.jsonrpc", "expected \"2.0\"");
    if (o.id !== id) throw malformed("body.id", `expected ${id}, got ${JSON.stringify(o.id)}`);
    if (!("result" in o)) throw malformed("body", "neither result nor error");
    return o.result;
  } catch (e) {
    throw e instanceof ExecutionEngineError && e.code === ExecutionEngineErrorCode.MALFORMED_RESPONSE ? withMethod(e, method) : e;
  }
}

/** The same error with the method named, for parsers that only know the path. */
export function withMethod(e: ExecutionEngineError, method: string): ExecutionEngineError {
  return e.detail.method ? e : new ExecutionEngineError(e.code, {method, ...e.detail});
}
