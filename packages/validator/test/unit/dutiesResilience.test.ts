// One key that cannot sign (doppelganger watch, a remote signer that is down) must not cost the
// other keys their duties: its selection proof fails, it is no aggregator, everyone still attests.
import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {interopSecretKeys} from "@hearth/state-transition";
import {DoppelgangerError, DoppelgangerErrorCode, DutiesService, ValidatorStore, createLocalSigner, type Signer} from "../../src/index.js";
import {TestChain} from "./helpers/chain.js";
import {FakeNode} from "./helpers/fakeNode.js";
import {recordingLogger} from "./helpers/logger.js";

const VALIDATORS = 16;

describe("duties with one key that cannot sign", function () {
  this.timeout(20_000);

  it("keeps every key's attester duties when one key's selection proof fails", async () => {
    const chain = new TestChain("electra", VALIDATORS);
    const node = new FakeNode(chain);
    const signers: Signer[] = interopSecretKeys(VALIDATORS).map((sk) => createLocalSigner(sk, chain.config));
    const blocked = signers[3];
    signers[3] = Object.assign(Object.create(blocked) as Signer, {
      signSelectionProof: () => Promise.reject(new DoppelgangerError(DoppelgangerErrorCode.PENDING, {pubkey: "0x03"})),
    });
    const logger = recordingLogger();
    const {lines} = logger;
    const duties = new DutiesService({api: node.api, store: new ValidatorStore(signers), config: chain.config, logger});
    await duties.ensureEpoch(0);
    const epochDuties = Array.from({length: SLOTS_PER_EPOCH}, (_, slot) => duties.attestersAt(slot)).flat();
    assert.equal(epochDuties.length, VALIDATORS);
    assert.equal(epochDuties.find((d) => d.validatorIndex === 3)?.selectionProof, null);
    assert.equal(epochDuties.filter((d) => d.selectionProof !== null).length, VALIDATORS - 1);
    assert.equal(lines.filter((l) => l.msg === "Selection proof not signed").length, 2, "one per epoch fetched (this one and the next)");
  });
});
