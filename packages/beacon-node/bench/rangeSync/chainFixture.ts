// The range-sync bench's chain: a fulu dev chain (minimal preset, 64 interop validators) built slot by
// slot through the unit-test harness (chain.produceBlock, the proposer's signature, every committee
// attesting, every sync committee member signing), so each block carries real attestations, a real
// sync aggregate and real signatures that the syncing node verifies. It is written to a classic-level
// DB laid out as a node's data dir (<dir>/server/chain-db) and kept between runs: building it costs
// minutes, serving it seconds.
import path from "node:path";
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {ACTIVE_PRESET} from "@hearth/params";
import {Db} from "@hearth/db";
import type {ChainConfig} from "@hearth/config";
import {ChainDbAdapter} from "../../src/chain/index.js";
import {nodeConfigRecord} from "../../src/node/beaconNode.js";
import {DevHarness, configAtGenesis} from "../../test/unit/chain/harness.js";

export const FIXTURE_FORK = "fulu" as const;
export const FIXTURE_VALIDATORS = 64;
/** Bumped whenever the fixture's content changes, so that a stale cache is rebuilt. */
const FIXTURE_VERSION = 1;

export interface ChainFixture {
  dir: string;
  /** The server node's data dir. */
  serverDataDir: string;
  genesisTime: number;
  slots: number;
  headRoot: string;
  finalizedEpoch: number;
  /** The genesis state's SSZ bytes (the syncing node's anchor). */
  genesisSsz: Uint8Array;
}

export function fixtureConfig(): ChainConfig {
  return configAtGenesis(FIXTURE_FORK);
}

interface FixtureMeta {
  version: number;
  preset: string;
  genesisTime: number;
  slots: number;
  headRoot: string;
  finalizedEpoch: number;
}

/** The cached chain of `slots` slots under `dir`, built first if it is missing or stale. */
export async function loadOrBuildChain(dir: string, slots: number, log: (msg: string) => void): Promise<ChainFixture> {
  const metaPath = path.join(dir, "meta.json");
  const genesisPath = path.join(dir, "genesis.ssz");
  const serverDataDir = path.join(dir, "server");
  if (existsSync(metaPath) && existsSync(genesisPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as FixtureMeta;
    if (meta.version === FIXTURE_VERSION && meta.preset === ACTIVE_PRESET && meta.slots === slots) {
      return {dir, serverDataDir, genesisTime: meta.genesisTime, slots, headRoot: meta.headRoot, finalizedEpoch: meta.finalizedEpoch, genesisSsz: readFileSync(genesisPath)};
    }
  }
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(serverDataDir, {recursive: true});

  const config = fixtureConfig();
  // Genesis far enough back that every slot of the chain is in the past when it is served.
  const genesisTime = Math.floor(Date.now() / 1000) - Math.ceil(((slots + 4) * config.SLOT_DURATION_MS) / 1000);
  const db = await Db.open({path: path.join(serverDataDir, "chain-db")});
  const started = Date.now();
  try {
    const h = await DevHarness.create({fork: FIXTURE_FORK, validatorCount: FIXTURE_VALIDATORS, genesisTime, db: new ChainDbAdapter(db, config)});
    await db.chainInfo.nodeConfig.put(nodeConfigRecord(config));
    const genesisSsz = h.genesis.state.serialize();
    for (let slot = 1; slot <= slots; slot++) {
      await h.runSlot(slot);
      if (slot % 256 === 0) log(`built ${slot}/${slots} slots (${Math.round((Date.now() - started) / 1000)} s, finalized epoch ${h.chain.forkChoice.finalizedCheckpoint.epoch})`);
    }
    await h.chain.stop();
    const meta: FixtureMeta = {
      version: FIXTURE_VERSION,
      preset: ACTIVE_PRESET,
      genesisTime,
      slots,
      headRoot: h.chain.head.node.blockRoot,
      finalizedEpoch: h.chain.forkChoice.finalizedCheckpoint.epoch,
    };
    writeFileSync(genesisPath, genesisSsz);
    writeFileSync(metaPath, JSON.stringify(meta));
    log(`chain of ${slots} slots built in ${Math.round((Date.now() - started) / 1000)} s`);
    return {dir, serverDataDir, genesisTime, slots, headRoot: meta.headRoot, finalizedEpoch: meta.finalizedEpoch, genesisSsz};
  } finally {
    await db.close();
  }
}
