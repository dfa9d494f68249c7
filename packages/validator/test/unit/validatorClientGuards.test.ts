// ValidatorClient's own keys (secretKeys, as `hearth dev` runs them) sign through slashing
// protection when given guards: a restart on the same database, asked for a different block and a
// different vote at slots it already signed, refuses both and publishes nothing.
import {strict as assert} from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {interopSecretKeys} from "@hearth/state-transition";
import type {PublishedBlock} from "@hearth/api";
import {SlashingProtection, SlashingProtectionErrorCode, ValidatorClient, sleep, type ValidatorApi} from "../../src/index.js";
import {TestChain} from "./helpers/chain.js";
import {FakeNode, signedBlockOf} from "./helpers/fakeNode.js";
import {recordingLogger} from "./helpers/logger.js";

const VALIDATORS = 16;
const SLOT_MS = 1500;

describe("ValidatorClient with slashing protection guards", function () {
  this.timeout(30_000);
  const secretKeys = interopSecretKeys(VALIDATORS);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-vc-guards-"))));
  after(() => fs.rmSync(dir, {recursive: true, force: true}));

  /** Runs the client through slot 1 (from 3/4 into slot 0) on the protection DB in `dir`. */
  async function runSlot1(chain: TestChain, api: ValidatorApi, graffiti: string) {
    const protection = await SlashingProtection.open({dbDir: path.join(dir, "slashing-protection")});
    const logger = recordingLogger();
    const offset = chain.genesisTime * 1000 + 0.75 * SLOT_MS - Date.now();
    const now = (): number => Date.now() + offset;
    const client = new ValidatorClient({api, secretKeys, guards: {slashingProtection: protection}, logger, graffiti, now, retryMs: 50});
    try {
      await client.start();
      await sleep(chain.genesisTime * 1000 + 2 * SLOT_MS - now() - 100, new AbortController().signal);
    } finally {
      await client.stop();
      await protection.close();
    }
    return logger.lines;
  }

  it("signs at slot 1, and after a restart refuses a conflicting block and vote at slot 1", async () => {
    const chain = new TestChain("phase0", VALIDATORS);
    const first = new FakeNode(chain, {SLOT_DURATION_MS: String(SLOT_MS)});
    await runSlot1(chain, first.api, "first run");
    const blocks = first.callsOf("publishBlockV2").map((a) => signedBlockOf(a.signedBlock as PublishedBlock));
    assert.deepEqual(blocks.map((b) => b.message.slot), [1]);
    assert.ok(first.submittedAttestations(1).length > 0);

    // the same slot again, as after a clock or chain reset: another graffiti, another head to vote for
    const second = new FakeNode(chain, {SLOT_DURATION_MS: String(SLOT_MS)});
    const api: ValidatorApi = {
      ...second.api,
      produceAttestationData: async (args, opts) => {
        const res = await second.api.produceAttestationData(args, opts);
        return {...res, data: {...res.data, beaconBlockRoot: new Uint8Array(32).fill(9)}};
      },
    };
    const lines = await runSlot1(chain, api, "second run");
    assert.equal(second.callsOf("produceBlockV3").length, 1, "the block was asked for");
    assert.equal(second.callsOf("publishBlockV2").length, 0, "and never published");
    assert.equal(second.callsOf("submitPoolAttestationsV2").length, 0);
    const failed = lines.find((l) => l.msg === "Block proposal failed");
    assert.match(String(failed?.ctx?.error), new RegExp(SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK));
    const refused = lines.filter((l) => l.msg === "Attestation not signed");
    assert.equal(refused.length, first.submittedAttestations(1).length);
    assert.ok(refused.every((l) => String(l.ctx?.error).includes(SlashingProtectionErrorCode.ATTESTATION_TARGET_NOT_ABOVE_WATERMARK)));
  });
});
