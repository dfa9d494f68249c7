import {strict as assert} from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import {loadOrCreatePrivateKey, NetworkError, NetworkErrorCode, PEER_ID_FILE} from "../../../src/index.js";

describe("host: peer id persisted in <dataDir>/peer-id.json", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-peerid-"));
  });
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

  it("creates a secp256k1 key on first start and loads the same peer id afterwards", async () => {
    const a = await loadOrCreatePrivateKey(dir);
    assert.equal(a.type, "secp256k1");
    const file = path.join(dir, PEER_ID_FILE);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as {id: string};
    assert.equal(json.id, peerIdFromPrivateKey(a).toString());
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);

    const b = await loadOrCreatePrivateKey(dir);
    assert.equal(peerIdFromPrivateKey(b).toString(), json.id);
    assert.deepEqual(Buffer.from(b.raw), Buffer.from(a.raw));
  });

  it("creates the dataDir when it does not exist", async () => {
    const nested = path.join(dir, "a", "b");
    const key = await loadOrCreatePrivateKey(nested);
    assert.ok(fs.existsSync(path.join(nested, PEER_ID_FILE)));
    assert.equal(key.type, "secp256k1");
  });

  for (const [name, content] of [
    ["not JSON", "{oops"],
    ["no privKey", JSON.stringify({id: "x"})],
    ["undecodable key", JSON.stringify({privKey: Buffer.from([1, 2, 3]).toString("base64")})],
  ] as const) {
    it(`refuses a corrupt file (${name}) instead of replacing the identity`, async () => {
      const file = path.join(dir, PEER_ID_FILE);
      fs.writeFileSync(file, content);
      await assert.rejects(loadOrCreatePrivateKey(dir), (e: unknown) => e instanceof NetworkError && e.code === NetworkErrorCode.PEER_ID_FILE_INVALID);
      assert.equal(fs.readFileSync(file, "utf8"), content);
    });
  }

  it("refuses a file whose id does not match its key", async () => {
    await loadOrCreatePrivateKey(dir);
    const file = path.join(dir, PEER_ID_FILE);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as {id: string};
    json.id = "16Uiu2HAmSomeoneElse";
    fs.writeFileSync(file, JSON.stringify(json));
    await assert.rejects(loadOrCreatePrivateKey(dir), (e: unknown) => e instanceof NetworkError && e.code === NetworkErrorCode.PEER_ID_FILE_INVALID);
  });
});
