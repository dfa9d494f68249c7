import {strict as assert} from "node:assert";
import {createHmac} from "node:crypto";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {
  ExecutionEngineError,
  ExecutionEngineErrorCode,
  createJwtToken,
  parseJwtSecret,
  readJwtSecret,
  verifyJwtToken,
} from "../../../src/execution/index.js";

const SECRET = new Uint8Array(32).map((_, i) => i + 1);
const SECRET_HEX = Buffer.from(SECRET).toString("hex");

function isCode(code: ExecutionEngineErrorCode) {
  return (e: unknown) => e instanceof ExecutionEngineError && e.code === code;
}

describe("execution / JWT", () => {
  it("is header.payload.signature with an HS256 header, the claims given and an HMAC-SHA256 signature", () => {
    const token = createJwtToken(SECRET, {iat: 1_700_000_000, id: "hearth", clv: "hearth/v0.1.0"});
    const [h, p, s] = token.split(".");
    assert.deepEqual(JSON.parse(Buffer.from(h, "base64url").toString()), {alg: "HS256", typ: "JWT"});
    assert.deepEqual(JSON.parse(Buffer.from(p, "base64url").toString()), {iat: 1_700_000_000, id: "hearth", clv: "hearth/v0.1.0"});
    const expected = createHmac("sha256", SECRET).update(`${h}.${p}`).digest("base64url");
    assert.equal(s, expected);
    assert.ok(!/[=+/]/.test(token), "base64url without padding");
  });

  it("leaves out the optional claims when not given", () => {
    const token = createJwtToken(SECRET, {iat: 42});
    assert.deepEqual(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()), {iat: 42});
  });

  it("verifies against the secret and returns the claims", () => {
    const token = createJwtToken(SECRET, {iat: 1000, id: "x"});
    const claims = verifyJwtToken(token, SECRET, {nowSec: 1030});
    assert.equal(claims.iat, 1000);
    assert.equal(claims.id, "x");
  });

  it("rejects another secret, an iat more than 60 s off, alg none and garbage", () => {
    const token = createJwtToken(SECRET, {iat: 1000});
    const other = new Uint8Array(32).fill(7);
    assert.throws(() => verifyJwtToken(token, other, {nowSec: 1000}), isCode(ExecutionEngineErrorCode.JWT_INVALID));
    assert.throws(() => verifyJwtToken(token, SECRET, {nowSec: 1061}), /iat 1000 is more than 60s/);
    assert.throws(() => verifyJwtToken(token, SECRET, {nowSec: 939}), isCode(ExecutionEngineErrorCode.JWT_INVALID));
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${token.split(".")[1]}.`;
    assert.throws(() => verifyJwtToken(none, SECRET, {nowSec: 1000}), /alg is not HS256/);
    assert.throws(() => verifyJwtToken("abc", SECRET), /three dot-separated parts/);
  });

  it("parses the secret with or without 0x and surrounding whitespace", () => {
    assert.deepEqual(parseJwtSecret(SECRET_HEX), SECRET);
    assert.deepEqual(parseJwtSecret(`0x${SECRET_HEX}\n`), SECRET);
    assert.deepEqual(parseJwtSecret(`  ${SECRET_HEX.toUpperCase()}  `), SECRET);
  });

  it("rejects a secret of the wrong length or not hex, saying what is expected", () => {
    assert.throws(() => parseJwtSecret(SECRET_HEX.slice(2)), (e) => isCode(ExecutionEngineErrorCode.JWT_SECRET_INVALID)(e) && /expected 64 hex digits/.test((e as Error).message));
    assert.throws(() => parseJwtSecret("zz" + SECRET_HEX.slice(2)), /not hex/);
  });

  describe("readJwtSecret", () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), "hearth-jwt-"))));
    after(() => rmSync(dir, {recursive: true, force: true}));

    it("reads a jwt.hex file", () => {
      const file = join(dir, "jwt.hex");
      writeFileSync(file, `0x${SECRET_HEX}\n`);
      assert.deepEqual(readJwtSecret(file), SECRET);
    });

    it("names the missing file", () => {
      const file = join(dir, "missing.hex");
      assert.throws(
        () => readJwtSecret(file),
        (e) => isCode(ExecutionEngineErrorCode.JWT_SECRET_UNREADABLE)(e) && (e as ExecutionEngineError).detail.path === file && /file not found/.test((e as Error).message),
      );
    });

    it("names the file holding a bad secret", () => {
      const file = join(dir, "bad.hex");
      writeFileSync(file, "0x1234");
      assert.throws(() => readJwtSecret(file), (e) => isCode(ExecutionEngineErrorCode.JWT_SECRET_INVALID)(e) && (e as ExecutionEngineError).detail.path === file);
    });
  });
});
