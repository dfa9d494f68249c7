import {strict as assert} from "node:assert";
import {ApiError, noopLogger} from "@hearth/api";
import {activePreset} from "@hearth/params";
import {phase0} from "@hearth/types";
import {BlockError, BlockErrorCode, ChainError, ChainErrorCode, OpError, OpErrorCode} from "../../../src/chain/index.js";
import {getValidatorStatus, nodeVersionString, presetValues, specConstants} from "../../../src/api/index.js";
import {submitEach, submitOne, toApiError} from "../../../src/api/impl/errors.js";

function validator(fields: Partial<phase0.Validator>): phase0.Validator {
  return {...phase0.Validator.defaultValue(), activationEligibilityEpoch: 0, activationEpoch: 0, exitEpoch: Infinity, withdrawableEpoch: Infinity, ...fields};
}

describe("Beacon API implementation pieces", () => {
  describe("getValidatorStatus", () => {
    const epoch = 10;
    const cases: [string, Partial<phase0.Validator>, number, string][] = [
      ["not yet eligible", {activationEligibilityEpoch: Infinity, activationEpoch: Infinity}, 32e9, "pending_initialized"],
      ["eligible, waiting", {activationEligibilityEpoch: 5, activationEpoch: Infinity}, 32e9, "pending_queued"],
      ["activating later", {activationEligibilityEpoch: 5, activationEpoch: 11}, 32e9, "pending_queued"],
      ["active", {}, 32e9, "active_ongoing"],
      ["exit scheduled", {exitEpoch: 12, withdrawableEpoch: 300}, 32e9, "active_exiting"],
      ["slashed, not yet exited", {exitEpoch: 12, withdrawableEpoch: 300, slashed: true}, 31e9, "active_slashed"],
      ["exited", {exitEpoch: 10, withdrawableEpoch: 300}, 32e9, "exited_unslashed"],
      ["exited slashed", {exitEpoch: 9, withdrawableEpoch: 300, slashed: true}, 31e9, "exited_slashed"],
      ["withdrawable", {exitEpoch: 2, withdrawableEpoch: 10}, 32e9, "withdrawal_possible"],
      ["withdrawn", {exitEpoch: 2, withdrawableEpoch: 9}, 0, "withdrawal_done"],
    ];
    for (const [name, fields, balance, status] of cases) {
      it(`${name}: ${status}`, () => assert.equal(getValidatorStatus(validator(fields), balance, epoch), status));
    }
  });

  it("names the node Hearth/v<version>/<platform>-<arch>", () => {
    assert.equal(nodeVersionString("0.1.0"), `Hearth/v0.1.0/${process.platform}-${process.arch}`);
    assert.equal(nodeVersionString("v2.0.0-rc1"), `Hearth/v2.0.0-rc1/${process.platform}-${process.arch}`);
  });

  it("serves spec constants as hex or decimal strings and every preset value", () => {
    const constants = specConstants();
    assert.equal(constants.DOMAIN_BEACON_PROPOSER, "0x00000000");
    assert.equal(constants.DOMAIN_BLS_TO_EXECUTION_CHANGE, "0x0a000000");
    assert.equal(constants.DOMAIN_APPLICATION_MASK, "0x00000001");
    assert.equal(constants.TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE, "16");
    assert.equal(constants.ETH1_ADDRESS_WITHDRAWAL_PREFIX, "0x01");
    assert.equal(constants.COMPOUNDING_WITHDRAWAL_PREFIX, "0x02");
    assert.equal(constants.CONSOLIDATION_REQUEST_TYPE, "0x02");
    assert.equal(constants.UNSET_DEPOSIT_REQUESTS_START_INDEX, "18446744073709551615");
    const preset = presetValues();
    assert.equal(Object.keys(preset).length, Object.keys(activePreset).length);
    assert.equal(preset.SLOTS_PER_EPOCH, String(activePreset.SLOTS_PER_EPOCH));
    assert.ok(Object.values(preset).every((v) => /^\d+$/.test(v)));
  });

  describe("chain errors as HTTP answers", () => {
    it("answers a rejected block 400 with its code, an unreachable engine 503", () => {
      const invalid = toApiError(new BlockError(BlockErrorCode.INVALID_STATE_ROOT, {slot: 3}));
      assert.equal(invalid?.status, 400);
      assert.match(invalid?.message ?? "", /BLOCK_ERROR_INVALID_STATE_ROOT/);
      assert.equal(toApiError(new BlockError(BlockErrorCode.EXECUTION_ENGINE_ERROR))?.status, 503);
    });

    it("answers requests out of range 400 and leaves unexpected errors alone", () => {
      assert.equal(toApiError(new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {epoch: 9}))?.status, 400);
      assert.equal(toApiError(new ChainError(ChainErrorCode.STATE_UNAVAILABLE))?.status, 503);
      assert.equal(toApiError(new ChainError(ChainErrorCode.PRODUCED_BLOCK_INVALID)), null);
      assert.equal(toApiError(new TypeError("bug")), null);
    });

    it("reports each failed item of a list by index, after taking the good ones", async () => {
      const taken: number[] = [];
      const err = await submitEach([1, 2, 3, 4], "things", noopLogger, (n) => {
        if (n === 2) throw new OpError(OpErrorCode.INVALID_SIGNATURE, {n});
        if (n === 3) throw new OpError(OpErrorCode.ALREADY_KNOWN);
        taken.push(n);
      }).then(
        () => null,
        (e: unknown) => e
      );
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 400);
      assert.equal(err.message, "1 of 4 things failed validation");
      assert.deepEqual(err.failures, [{index: 1, message: "OP_ERROR_INVALID_SIGNATURE (n=2)"}]);
      assert.deepEqual(taken, [1, 4]);
    });

    it("takes a single operation the pool already holds as accepted", async () => {
      await submitOne(() => {
        throw new OpError(OpErrorCode.ALREADY_KNOWN);
      });
      await assert.rejects(
        submitOne(() => {
          throw new OpError(OpErrorCode.INVALID, {reason: "validator not active"});
        }),
        (e: unknown) => e instanceof ApiError && e.status === 400 && /OP_ERROR_INVALID/.test(e.message)
      );
    });
  });
});
