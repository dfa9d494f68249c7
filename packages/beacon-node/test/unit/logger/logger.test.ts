import {strict as assert} from "node:assert";
import {PassThrough} from "node:stream";
import {createLogger} from "../../../src/logger/index.js";

function capture(): {stream: PassThrough; lines: () => string[]} {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c.toString()));
  return {stream, lines: () => chunks.join("").split("\n").filter(Boolean)};
}

describe("logger", () => {
  it("prints human lines with the module, message and context", async () => {
    const {stream, lines} = capture();
    const log = createLogger({stream, level: "info"}).child("chain");
    log.info("Imported block", {slot: 12, root: "0xab"});
    log.debug("not shown at info");
    log.error("Import failed", {slot: 13}, new Error("bad state root"));
    await new Promise((r) => setImmediate(r));
    const out = lines();
    assert.equal(out.length, 2);
    assert.match(out[0], /\[chain\] info: Imported block slot=12 root=0xab$/);
    assert.match(out[1], /\[chain\] error: Import failed slot=13 - bad state root$/);
  });

  it("prints JSON lines in json format", async () => {
    const {stream, lines} = capture();
    createLogger({stream, format: "json"}).warn("Peer banned", {peer: "16Uiu"});
    await new Promise((r) => setImmediate(r));
    const entry = JSON.parse(lines()[0]) as Record<string, unknown>;
    assert.equal(entry.msg, "Peer banned");
    assert.equal(entry.peer, "16Uiu");
    assert.equal(entry.level, 40);
  });
});
