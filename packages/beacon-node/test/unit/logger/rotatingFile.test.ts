import {strict as assert} from "node:assert";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {RotatingFile} from "../../../src/logger/rotatingFile.js";
import {createLogger} from "../../../src/logger/logger.js";

describe("RotatingFile", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "hearth-log-"))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it("rotates by size, keeps maxFiles old files, and never splits a line", () => {
    const file = path.join(dir, "hearth.log");
    const f = new RotatingFile(file, {maxBytes: 20, maxFiles: 2});
    for (let i = 0; i < 7; i++) f.write(`line-${i}-xxxx\n`); // 12 bytes each: one line per file
    f.close();
    assert.equal(readFileSync(file, "utf8"), "line-6-xxxx\n");
    assert.equal(readFileSync(`${file}.1`, "utf8"), "line-5-xxxx\n");
    assert.equal(readFileSync(`${file}.2`, "utf8"), "line-4-xxxx\n");
    assert.equal(existsSync(`${file}.3`), false);
  });

  it("appends to an existing file and counts its size", () => {
    const file = path.join(dir, "a.log");
    const a = new RotatingFile(file, {maxBytes: 30, maxFiles: 1});
    a.write("0123456789\n");
    a.close();
    const b = new RotatingFile(file, {maxBytes: 30, maxFiles: 1});
    b.write("abcdefghij\n");
    b.write("ABCDEFGHIJ\n"); // 33 bytes would pass 30: rotate first
    b.close();
    assert.equal(readFileSync(`${file}.1`, "utf8"), "0123456789\nabcdefghij\n");
    assert.equal(readFileSync(file, "utf8"), "ABCDEFGHIJ\n");
  });

  it("refuses nonsense limits", () => {
    assert.throws(() => new RotatingFile(path.join(dir, "x.log"), {maxBytes: 0, maxFiles: 1}), /maxBytes must be positive/);
    assert.throws(() => new RotatingFile(path.join(dir, "x.log"), {maxBytes: 10, maxFiles: -1}), /maxFiles must be a whole number/);
  });

  it("createLogger writes JSON lines to the rotated file", () => {
    const file = path.join(dir, "node.log");
    const sink = {write: () => true} as unknown as NodeJS.WritableStream;
    const logger = createLogger({format: "json", file, fileRotation: {maxBytes: 200, maxFiles: 3}, stream: sink});
    for (let i = 0; i < 10; i++) logger.info("Imported block", {slot: i});
    const live = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as {slot: number; msg: string});
    assert.equal(live.at(-1)?.slot, 9);
    assert.equal(live[0].msg, "Imported block");
    assert.ok(existsSync(`${file}.1`) && existsSync(`${file}.3`) && !existsSync(`${file}.4`));
  });
});
