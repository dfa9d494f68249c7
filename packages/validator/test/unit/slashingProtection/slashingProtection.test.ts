import {strict as assert} from "node:assert";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {toHex} from "@hearth/config";
import {SlashingProtection, SlashingProtectionError, SlashingProtectionErrorCode} from "../../../src/slashingProtection/index.js";

const GVR = new Uint8Array(32).fill(9);
const PK1 = new Uint8Array(48).fill(1);
const PK2 = new Uint8Array(48).fill(2);
const root = (n: number): Uint8Array => new Uint8Array(32).fill(n);

async function code(p: Promise<unknown>): Promise<SlashingProtectionErrorCode | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof SlashingProtectionError) return e.code;
    throw e;
  }
}

describe("slashing protection database", function () {
  this.timeout(10_000);
  let dir: string;
  let sp: SlashingProtection;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "hearth-sp-"));
    sp = await SlashingProtection.open({dbDir: join(dir, "db")});
  });
  afterEach(async () => {
    await sp.close().catch(() => {});
    rmSync(dir, {recursive: true, force: true});
  });

  it("blocks: a second block at a slot is refused, the very same block again is not", async () => {
    await sp.checkAndInsertBlockProposal(GVR, PK1, 10, root(1));
    assert.equal(await code(sp.checkAndInsertBlockProposal(GVR, PK1, 10, root(2))), SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK);
    assert.equal(await code(sp.checkAndInsertBlockProposal(GVR, PK1, 10, root(1))), null);
    assert.equal(await code(sp.checkAndInsertBlockProposal(GVR, PK1, 9, root(3))), SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK);
    // another key is not affected
    assert.equal(await code(sp.checkAndInsertBlockProposal(GVR, PK2, 9, root(3))), null);
  });

  it("attestations: double vote, surrounding and surrounded votes are refused", async () => {
    await sp.checkAndInsertAttestation(GVR, PK1, 2, 3, root(1));
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 2, 3, root(2))), SlashingProtectionErrorCode.ATTESTATION_TARGET_NOT_ABOVE_WATERMARK);
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 2, 3, root(1))), null, "same vote again");
    await sp.checkAndInsertAttestation(GVR, PK1, 4, 6, root(3));
    // surrounds 4→6
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 3, 7, root(4))), SlashingProtectionErrorCode.ATTESTATION_SOURCE_BELOW_WATERMARK);
    // surrounded by 4→6
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 5, 5, root(4))), SlashingProtectionErrorCode.ATTESTATION_TARGET_NOT_ABOVE_WATERMARK);
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 8, 7, root(4))), SlashingProtectionErrorCode.ATTESTATION_SOURCE_AFTER_TARGET);
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 6, 7, root(4))), null);
    assert.deepEqual(await sp.getAttestationRecord(PK1), {sourceEpoch: 6, targetEpoch: 7, signingRoot: root(4)});
  });

  it("concurrent requests for one key are serialised: of 20 different blocks at one slot exactly one passes", async () => {
    const results = await Promise.all(Array.from({length: 20}, (_, i) => code(sp.checkAndInsertBlockProposal(GVR, PK1, 100, root(i + 1)))));
    assert.equal(results.filter((r) => r === null).length, 1);
    const atts = await Promise.all(Array.from({length: 20}, (_, i) => code(sp.checkAndInsertAttestation(GVR, PK1, 5, 10, root(i + 1)))));
    assert.equal(atts.filter((r) => r === null).length, 1);
  });

  it("records survive a reopen, and a second process (open) of the same DB is refused", async () => {
    await sp.checkAndInsertBlockProposal(GVR, PK1, 50, root(1));
    await sp.checkAndInsertAttestation(GVR, PK1, 3, 4, root(1));
    assert.equal(await code(SlashingProtection.open({dbDir: join(dir, "db")})), SlashingProtectionErrorCode.DB_OPEN_FAILED);
    await sp.close();
    sp = await SlashingProtection.open({dbDir: join(dir, "db")});
    assert.equal(await code(sp.checkAndInsertBlockProposal(GVR, PK1, 50, root(2))), SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK);
    assert.equal(await code(sp.checkAndInsertAttestation(GVR, PK1, 3, 4, root(2))), SlashingProtectionErrorCode.ATTESTATION_TARGET_NOT_ABOVE_WATERMARK);
  });

  it("is bound to one chain: signing for another genesis validators root is refused", async () => {
    await sp.checkAndInsertBlockProposal(GVR, PK1, 1, root(1));
    assert.equal(await code(sp.checkAndInsertBlockProposal(root(7), PK1, 2, root(1))), SlashingProtectionErrorCode.GENESIS_VALIDATORS_ROOT_MISMATCH);
  });

  it("export then import into a fresh database carries the protection over (minified)", async () => {
    await sp.checkAndInsertBlockProposal(GVR, PK1, 30, root(1));
    await sp.checkAndInsertAttestation(GVR, PK1, 1, 2, root(1));
    await sp.checkAndInsertAttestation(GVR, PK2, 4, 9, root(2));
    const exported = await sp.exportInterchange();
    assert.equal(exported.metadata.genesis_validators_root, toHex(GVR));
    assert.deepEqual(
      exported.data.map((d) => [d.pubkey, d.signed_blocks.length, d.signed_attestations.map((a) => `${a.source_epoch}-${a.target_epoch}`).join()]),
      [
        [toHex(PK1), 1, "1-2"],
        [toHex(PK2), 0, "4-9"],
      ],
    );
    const other = await SlashingProtection.open({dbDir: join(dir, "db2")});
    try {
      const result = await other.importInterchange(JSON.parse(JSON.stringify(exported)));
      assert.deepEqual(result, {keys: 2, blocks: 1, attestations: 2});
      // imported history allows no re-signing, not even of the same root
      assert.equal(await code(other.checkAndInsertBlockProposal(GVR, PK1, 30, root(1))), SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK);
      assert.equal(await code(other.checkAndInsertAttestation(GVR, PK2, 4, 9, root(2))), SlashingProtectionErrorCode.ATTESTATION_TARGET_NOT_ABOVE_WATERMARK);
      assert.equal(await code(other.checkAndInsertAttestation(GVR, PK2, 4, 10, root(2))), null);
    } finally {
      await other.close();
    }
  });

  it("refuses malformed interchanges with INVALID_INTERCHANGE and changes nothing", async () => {
    const meta = {interchange_format_version: "5", genesis_validators_root: toHex(GVR)};
    const good = {pubkey: toHex(PK1), signed_blocks: [{slot: "5"}], signed_attestations: []};
    const bad: unknown[] = [
      null,
      {metadata: {...meta, interchange_format_version: "4"}, data: []},
      {metadata: meta, data: [good, {...good, pubkey: "0x1234"}]},
      {metadata: meta, data: [{...good, signed_blocks: [{slot: "-1"}]}]},
      {metadata: meta, data: [{...good, signed_blocks: [{slot: 5}]}]},
      {metadata: meta, data: [{...good, signed_blocks: [{slot: "99999999999999999999"}]}]},
      {metadata: meta, data: [{...good, signed_attestations: [{source_epoch: "1"}]}]},
      {metadata: meta, data: [{...good, signed_blocks: [{slot: "1", signing_root: "0xzz"}]}]},
      {metadata: meta},
    ];
    for (const [i, json] of bad.entries()) {
      assert.equal(await code(sp.importInterchange(json)), SlashingProtectionErrorCode.INVALID_INTERCHANGE, `case ${i}`);
    }
    assert.equal(await sp.getBlockRecord(PK1), null);
  });
});
