// The keymanager's token file is the owner's alone (0600), and the API listens on loopback unless
// told otherwise: a fresh start exposes neither the token nor the keys to the network.
import {strict as assert} from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type {AddressInfo} from "node:net";
import {API_TOKEN_FILE_NAME, ProposerSettings, SlashingProtection, ValidatorKeys, createKeymanagerServer, loadOrCreateApiToken} from "../../../src/index.js";

describe("keymanager token and binding", function () {
  this.timeout(10_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-token-"))));
  after(() => fs.rmSync(dir, {recursive: true, force: true}));

  it("creates a 256-bit token readable by the owner only, and narrows a token file others can read", () => {
    const file = path.join(dir, "data", API_TOKEN_FILE_NAME);
    const first = loadOrCreateApiToken(file);
    assert.equal(first.created, true);
    assert.match(first.token, /^[0-9a-f]{64}$/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const again = loadOrCreateApiToken(file);
    assert.deepEqual(again, {token: first.token, created: false, tightened: false});
    // a copy made with the default umask (world-readable)
    fs.chmodSync(file, 0o644);
    assert.equal(loadOrCreateApiToken(file).tightened, true);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it("listens on 127.0.0.1 when no host is given", async () => {
    const protection = await SlashingProtection.open({dbDir: path.join(dir, "sp")});
    const keys = new ValidatorKeys({dirs: {keystoresDir: path.join(dir, "ks"), secretsDir: path.join(dir, "sec")}, remoteKeysFile: null, guards: {slashingProtection: protection}});
    const server = createKeymanagerServer({
      keys,
      settings: new ProposerSettings(null, {feeRecipient: null, gasLimit: 1, graffiti: ""}),
      token: "ab".repeat(32),
      slashingProtection: protection,
      getConfig: () => null,
      beacon: {} as never,
      port: 0,
    });
    try {
      const {url} = await server.listen();
      assert.equal((server.app.server.address() as AddressInfo).address, "127.0.0.1");
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await server.close();
      await protection.close();
    }
  });
});
