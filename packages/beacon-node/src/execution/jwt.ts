// Engine API authentication (execution-apis src/engine/authentication.md): an HS256 JWT with an `iat`
// claim, optional `id` and `clv`, signed with a 256-bit secret shared through a hex file.
import {createHmac, timingSafeEqual} from "node:crypto";
import {readFileSync} from "node:fs";
import {ExecutionEngineError, ExecutionEngineErrorCode} from "./errors.js";

export const JWT_SECRET_LENGTH = 32;
/** The engine accepts `iat` within ±60 s of its clock. */
export const JWT_IAT_MAX_SKEW_SEC = 60;

export interface JwtClaims {
  /** Issued-at, unix seconds. */
  iat: number;
  /** The consensus client's identifier. */
  id?: string;
  /** The consensus client's type/version. */
  clv?: string;
}

const HEADER_B64 = base64url(JSON.stringify({alg: "HS256", typ: "JWT"}));

function base64url(s: string | Buffer): string {
  return (typeof s === "string" ? Buffer.from(s, "utf8") : s).toString("base64url");
}

function sign(signingInput: string, secret: Uint8Array): Buffer {
  return createHmac("sha256", secret).update(signingInput).digest();
}

export function createJwtToken(secret: Uint8Array, claims: JwtClaims): string {
  const payload: JwtClaims = {iat: claims.iat};
  if (claims.id !== undefined) payload.id = claims.id;
  if (claims.clv !== undefined) payload.clv = claims.clv;
  const signingInput = `${HEADER_B64}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${base64url(sign(signingInput, secret))}`;
}

function jwtInvalid(reason: string): ExecutionEngineError {
  return new ExecutionEngineError(ExecutionEngineErrorCode.JWT_INVALID, {reason});
}

/**
 * The engine's side of the check: HS256 only (never `none`), a good signature, and `iat` within
 * `maxSkewSec` of `nowSec`. Returns the claims; unknown claims are kept and ignored.
 */
export function verifyJwtToken(
  token: string,
  secret: Uint8Array,
  opts: {nowSec?: number; maxSkewSec?: number} = {},
): JwtClaims & Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) throw jwtInvalid("not three dot-separated parts");
  const [headerB64, payloadB64, sigB64] = parts;
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(headerB64, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(payloadB64, "base64url").toString("utf8"));
  } catch {
    throw jwtInvalid("header or payload is not base64url JSON");
  }
  if (typeof header !== "object" || header === null || (header as {alg?: unknown}).alg !== "HS256") {
    throw jwtInvalid("alg is not HS256");
  }
  const expected = sign(`${headerB64}.${payloadB64}`, secret);
  const actual = Buffer.from(sigB64, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw jwtInvalid("bad signature");
  if (typeof payload !== "object" || payload === null) throw jwtInvalid("payload is not an object");
  const claims = payload as JwtClaims & Record<string, unknown>;
  if (typeof claims.iat !== "number" || !Number.isFinite(claims.iat)) throw jwtInvalid("missing iat claim");
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  const skew = opts.maxSkewSec ?? JWT_IAT_MAX_SKEW_SEC;
  if (Math.abs(now - claims.iat) > skew) throw jwtInvalid(`iat ${claims.iat} is more than ${skew}s from now (${now})`);
  return claims;
}

/** The secret from its hex text: 64 hex digits, 0x-prefixed or not, surrounding whitespace ignored. */
export function parseJwtSecret(text: string, source = "JWT secret"): Uint8Array {
  const hex = text.trim().replace(/^0x/i, "");
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.JWT_SECRET_INVALID, {
      path: source,
      reason: "not hex: expected 64 hex digits (32 bytes), optionally 0x-prefixed, e.g. from `openssl rand -hex 32`",
    });
  }
  if (hex.length !== JWT_SECRET_LENGTH * 2) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.JWT_SECRET_INVALID, {
      path: source,
      reason: `expected 64 hex digits (32 bytes), got ${hex.length}: the secret must be the execution client's jwt.hex`,
    });
  }
  return new Uint8Array(Buffer.from(hex, "hex"));
}

/** Reads the secret shared with the execution client (its `--authrpc.jwtsecret` file). */
export function readJwtSecret(filePath: string): Uint8Array {
  let text: string;
  try {
    text = readFileSync(filePath, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message;
    throw new ExecutionEngineError(ExecutionEngineErrorCode.JWT_SECRET_UNREADABLE, {
      path: filePath,
      reason: `${reason}: pass the same jwt.hex file the execution client uses`,
    });
  }
  return parseJwtSecret(text, filePath);
}
