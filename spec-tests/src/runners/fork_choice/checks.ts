// The checks step (fork_choice/README.md "Checks step"): each named store attribute against the
// current store; an attribute this runner does not know fails the case rather than pass unchecked.
import {ZERO_ROOT_HEX, getProposerHead, shouldOverrideForkchoiceUpdate, type Checkpoint} from "@hearth/fork-choice";
import {toNumber} from "../../util/files.js";
import type {SpecStore} from "./store.js";

type Yaml = Record<string, unknown>;

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) throw new Error(`check ${what}: got ${String(actual)}, expected ${String(expected)}`);
}

function expectCheckpoint(what: string, actual: Checkpoint, expected: Yaml): void {
  expectEqual(`${what}.epoch`, actual.epoch, toNumber(expected.epoch));
  expectEqual(`${what}.root`, actual.root, expected.root);
}

export function runChecks(store: SpecStore, checks: Yaml): void {
  const {fc} = store;
  for (const [key, expected] of Object.entries(checks)) {
    switch (key) {
      case "head": {
        const head = fc.getHead();
        const e = expected as Yaml;
        expectEqual("head.root", head.blockRoot, e.root);
        expectEqual("head.slot", head.slot, toNumber(e.slot));
        break;
      }
      case "time":
        expectEqual("time", fc.time, toNumber(expected));
        break;
      case "genesis_time":
        expectEqual("genesis_time", fc.genesisTime, toNumber(expected));
        break;
      case "justified_checkpoint":
        expectCheckpoint(key, fc.justifiedCheckpoint, expected as Yaml);
        break;
      case "finalized_checkpoint":
        expectCheckpoint(key, fc.finalizedCheckpoint, expected as Yaml);
        break;
      case "proposer_boost_root":
        expectEqual(key, fc.proposerBoostRoot ?? ZERO_ROOT_HEX, expected);
        break;
      case "get_proposer_head": {
        const head = fc.getHead().blockRoot;
        expectEqual(key, getProposerHead(fc, head, fc.currentSlot, store.blockStates.get(head)), expected);
        break;
      }
      case "should_override_forkchoice_update": {
        // {validator_is_connected, result}, as the v1.4–v1.6 vectors gave it
        const e = expected as Yaml;
        const head = fc.getHead().blockRoot;
        const result = shouldOverrideForkchoiceUpdate(fc, head, () => e.validator_is_connected === true, store.blockStates.get(head));
        expectEqual(key, result, e.result);
        break;
      }
      case "viable_for_head_roots_and_weights": {
        const actual = fc
          .getViableHeads()
          .map((h) => `${h.node.blockRoot}:${h.weight}`)
          .sort();
        const wanted = (expected as Yaml[]).map((e) => `${String(e.root)}:${BigInt(e.weight as bigint)}`).sort();
        expectEqual(key, actual.join(","), wanted.join(","));
        break;
      }
      default:
        throw new Error(`check ${key}: not supported by this runner`);
    }
  }
}
