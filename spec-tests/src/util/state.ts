// Shared by every runner that works on states (operations, epoch_processing, sanity, …): the config
// the vectors were made with, loading pre/post states, and a post-state comparison that names the
// fields that differ.
import {ACTIVE_PRESET, FORK_NAMES, ForkSeq, isForkName, type ForkName} from "@hearth/params";
import {FORK_CONFIG_KEYS, getNetworkConfig, parseChainConfig, type ChainConfig} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import {loadCachedBeaconState, type CachedBeaconState} from "@hearth/state-transition";
import type {CompositeTypeAny} from "@chainsafe/ssz";
import {readFileSync} from "node:fs";
import path from "node:path";
import type {CaseId} from "../types.js";
import {hasFile, readSszSnappy, readYaml, toHex} from "./files.js";

const configCache = new Map<string, ChainConfig>();

/**
 * The spec's preset config (configs/minimal.yaml or mainnet.yaml) with every fork up to `fork` at
 * epoch 0 and the later ones unscheduled, as the generators run each fork's tests. `overrides` sets
 * e.g. a transition test's fork epoch.
 */
/** The case's own config.yaml where it has one (fork epochs, blob schedule), else the spec config of its fork. */
export function caseChainConfig(c: CaseId): ChainConfig {
  if (!hasFile(c.dir, "config.yaml")) return specConfig(caseFork(c));
  return parseChainConfig(readFileSync(path.join(c.dir, "config.yaml"), "utf8"));
}

export function specConfig(fork: ForkName, overrides: Record<string, number> = {}): ChainConfig {
  const key = `${fork}:${JSON.stringify(overrides)}`;
  let config = configCache.get(key);
  if (!config) {
    const base = getNetworkConfig(ACTIVE_PRESET === "minimal" ? "minimal" : "mainnet");
    const epochs: Record<string, number> = {};
    for (const f of FORK_NAMES) {
      if (f === "phase0") continue;
      epochs[FORK_CONFIG_KEYS[f].epoch] = ForkSeq[f] <= ForkSeq[fork] ? 0 : Infinity;
    }
    config = {...base, ...epochs, ...overrides} as ChainConfig;
    configCache.set(key, config);
  }
  return config;
}

export function caseFork(c: CaseId): ForkName {
  if (!isForkName(c.fork)) throw new Error(`unknown fork ${c.fork}`);
  return c.fork;
}

/** meta.yaml's bls_setting: 2 means "signatures must not be checked", 0/1 that they may or must be. */
export function verifySignaturesFor(c: CaseId): boolean {
  if (!hasFile(c.dir, "meta.yaml")) return true;
  const meta = readYaml<{bls_setting?: bigint}>(c.dir, "meta");
  return meta?.bls_setting !== 2n;
}

export function loadState(c: CaseId, name = "pre", fork: ForkName = caseFork(c), config: ChainConfig = specConfig(fork)): CachedBeaconState {
  return loadCachedBeaconState(fork, readSszSnappy(c.dir, name), config);
}

export function hasPost(c: CaseId, name = "post"): boolean {
  return hasFile(c.dir, `${name}.ssz_snappy`);
}

/** Fails unless `actual` equals the case's post state; the message names the differing fields. */
export function expectState(cs: CachedBeaconState, c: CaseId, name = "post"): void {
  const expectedBytes = readSszSnappy(c.dir, name);
  const actualRoot = cs.state.hashTreeRoot();
  const type = sszTypesFor(cs.fork).BeaconState as unknown as CompositeTypeAny;
  const expected = type.deserializeToViewDU(expectedBytes) as {hashTreeRoot(): Uint8Array};
  const expectedRoot = expected.hashTreeRoot();
  if (toHex(actualRoot) === toHex(expectedRoot)) return;
  throw new Error(`${name} state differs in ${diffFields(type, cs.state, expected).join(", ") || "(no field? fork or type mismatch)"}`);
}

/** The names of the top-level fields whose roots differ, with the first differing index of a list. */
function diffFields(type: CompositeTypeAny, actual: unknown, expected: unknown): string[] {
  const fields = (type as unknown as {fieldsEntries?: {fieldName: string}[]}).fieldsEntries ?? [];
  const out: string[] = [];
  const a = actual as Record<string, {hashTreeRoot?(): Uint8Array; length?: number; get?(i: number): unknown}>;
  const e = expected as typeof a;
  for (const {fieldName} of fields) {
    const av = a[fieldName];
    const ev = e[fieldName];
    if (rootOf(av) === rootOf(ev)) continue;
    let detail = "";
    if (typeof av?.length === "number" && typeof ev?.length === "number" && av.get && ev.get) {
      if (av.length !== ev.length) detail = ` (length ${av.length} vs ${ev.length})`;
      else
        for (let i = 0; i < av.length; i++) {
          const x = av.get(i);
          const y = ev.get(i);
          if (rootOf(x) !== rootOf(y)) {
            detail = ` (first at [${i}]: ${show(x)} vs ${show(y)})`;
            break;
          }
        }
    } else if (av !== undefined && typeof av !== "object") {
      detail = ` (${show(av)} vs ${show(ev)})`;
    }
    out.push(fieldName + detail);
  }
  return out;
}

function rootOf(v: unknown): string {
  if (v && typeof v === "object" && "hashTreeRoot" in v) return toHex((v as {hashTreeRoot(): Uint8Array}).hashTreeRoot());
  if (v instanceof Uint8Array) return toHex(v);
  return String(v);
}

function show(v: unknown): string {
  if (v instanceof Uint8Array) return toHex(v);
  if (v && typeof v === "object" && "toValue" in v) {
    const value = (v as {toValue(): unknown}).toValue();
    return JSON.stringify(value, (_k, x) => (x instanceof Uint8Array ? toHex(x) : typeof x === "bigint" ? x.toString() : x));
  }
  return String(v);
}

/**
 * Runs a transition on the case's pre state. Without a post state the spec says the input must be
 * rejected, so `fn` must throw; with one, it must succeed and match.
 */
export function runPrePost(c: CaseId, fn: (cs: CachedBeaconState) => CachedBeaconState | void, config?: ChainConfig): void {
  const cs = loadState(c, "pre", caseFork(c), config);
  if (!hasPost(c)) {
    let threw = false;
    try {
      fn(cs);
    } catch {
      threw = true;
    }
    if (!threw) throw new Error("expected the transition to be rejected (no post state), but it succeeded");
    return;
  }
  const result = fn(cs) ?? cs;
  expectState(result, c);
}
