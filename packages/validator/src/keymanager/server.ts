// The Keymanager API (../shared/apis/keymanager-APIs) on its own small fastify app: every route
// needs the bearer token (401 without it or with another), bodies are checked by hand and a bad
// one is a 400 `{message}`, and it listens on 127.0.0.1 unless told otherwise.
import {timingSafeEqual} from "node:crypto";
import Fastify, {type FastifyInstance, type FastifyRequest} from "fastify";
import {noopLogger, type BeaconApiClient, type HexString, type Logger} from "@hearth/api";
import {fromHex, toHex, type BeaconConfig} from "@hearth/config";
import type {Interchange} from "../slashingProtection/interchange.js";
import type {SlashingProtection} from "../slashingProtection/slashingProtection.js";
import type {ValidatorKeys} from "./validatorKeys.js";
import {ZERO_FEE_RECIPIENT, type ProposerSettings} from "./proposerSettings.js";
import {currentEpochAt, signVoluntaryExit, voluntaryExitToJson} from "./voluntaryExit.js";

export const DEFAULT_KEYMANAGER_PORT = 5062;

export interface KeymanagerServerOptions {
  keys: ValidatorKeys;
  settings: ProposerSettings;
  token: string;
  slashingProtection: Pick<SlashingProtection, "importInterchange" | "exportInterchange" | "getBlockRecord" | "getAttestationRecord">;
  /** The chain, once the client has read it from the beacon node. */
  getConfig: () => BeaconConfig | null;
  beacon: Pick<BeaconApiClient, "getGenesis" | "postStateValidators">;
  host?: string;
  port?: number;
  logger?: Logger;
  now?: () => number;
}

class BadRequest extends Error {
  readonly statusCode: number;
  constructor(message: string, status = 400) {
    super(message);
    this.statusCode = status;
  }
}

const PUBKEY_RE = /^0x[0-9a-fA-F]{96}$/;
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const UINT_RE = /^(0|[1-9][0-9]{0,19})$/;

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequest("body must be a JSON object");
  return body as Record<string, unknown>;
}
function stringArray(value: unknown, name: string, check?: RegExp): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || (check !== undefined && !check.test(v)))) {
    throw new BadRequest(`${name} must be an array of ${check === PUBKEY_RE ? "0x-prefixed 48-byte hex pubkeys" : "strings"}`);
  }
  return value as string[];
}
function pubkeyParam(req: FastifyRequest): string {
  const {pubkey} = req.params as {pubkey: string};
  if (!PUBKEY_RE.test(pubkey)) throw new BadRequest(`invalid pubkey ${pubkey.slice(0, 100)}`);
  return pubkey.toLowerCase();
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (match === null) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface KeymanagerServer {
  readonly app: FastifyInstance;
  listen(): Promise<{url: string; port: number}>;
  close(): Promise<void>;
}

export function createKeymanagerServer(opts: KeymanagerServerOptions): KeymanagerServer {
  const {keys, settings, slashingProtection: protection} = opts;
  const logger = opts.logger ?? noopLogger;
  const host = opts.host ?? "127.0.0.1";
  const now = opts.now ?? Date.now;
  const app = Fastify({logger: false, bodyLimit: 16 * 1024 * 1024, forceCloseConnections: true});

  app.addHook("onRequest", async (req, reply) => {
    if (!tokenMatches(req.headers.authorization, opts.token)) {
      logger.warn("Keymanager request without a valid token", {method: req.method, url: req.url.split("?")[0], ip: req.ip});
      await reply.code(401).send({message: "missing or invalid bearer token"});
    }
  });
  app.setErrorHandler((error: Error & {statusCode?: number}, req, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logger.error("Keymanager request failed", {url: req.url, error: error.message});
    void reply.code(status).send({message: status === 500 ? `internal error: ${error.message}` : error.message});
  });
  app.setNotFoundHandler((req, reply) => void reply.code(404).send({message: `Route ${req.method} ${req.url.split("?")[0]} not found`}));

  const requireConfig = (): BeaconConfig => {
    const config = opts.getConfig();
    if (config === null) throw new BadRequest("the validator client has not reached its beacon node yet", 503);
    return config;
  };

  // --- local keystores
  app.get("/eth/v1/keystores", async () => ({
    data: keys.localKeys().map((k) => ({validating_pubkey: k.pubkey, derivation_path: k.derivationPath, readonly: k.readonly})),
  }));

  app.post("/eth/v1/keystores", async (req) => {
    const body = object(req.body);
    const keystores = stringArray(body.keystores, "keystores");
    const passwords = stringArray(body.passwords, "passwords");
    if (keystores.length !== passwords.length) throw new BadRequest(`${keystores.length} keystores but ${passwords.length} passwords`);
    if (body.slashing_protection !== undefined) {
      if (typeof body.slashing_protection !== "string") throw new BadRequest("slashing_protection must be a JSON string");
      let interchange: unknown;
      try {
        interchange = JSON.parse(body.slashing_protection);
      } catch {
        throw new BadRequest("slashing_protection is not JSON");
      }
      // the history goes in before any key may sign; a bad interchange imports no key at all
      try {
        await protection.importInterchange(interchange);
      } catch (e) {
        throw new BadRequest(`slashing_protection refused: ${(e as Error).message}`);
      }
    }
    const data = [];
    for (let i = 0; i < keystores.length; i++) data.push(await keys.importKeystore(keystores[i], passwords[i]));
    return {data};
  });

  app.delete("/eth/v1/keystores", async (req) => {
    const pubkeys = stringArray(object(req.body).pubkeys, "pubkeys", PUBKEY_RE).map((p) => p.toLowerCase());
    const data = [];
    const exported: Uint8Array[] = [];
    for (const pubkey of pubkeys) {
      const bytes = fromHex(pubkey);
      const hasData = (await protection.getBlockRecord(bytes)) !== null || (await protection.getAttestationRecord(bytes)) !== null;
      const status = keys.deleteLocal(pubkey, hasData);
      data.push(status);
      if (status.status === "deleted" || status.status === "not_active") exported.push(bytes);
    }
    return {data, slashing_protection: JSON.stringify(await exportFor(exported))};
  });

  /** The interchange of `pubkeys`; an empty one of this chain when nothing was ever signed. */
  async function exportFor(pubkeys: Uint8Array[]): Promise<Interchange> {
    try {
      return await protection.exportInterchange(pubkeys);
    } catch (e) {
      const config = opts.getConfig();
      if (config === null) throw e;
      return {metadata: {interchange_format_version: "5", genesis_validators_root: toHex(config.genesisValidatorsRoot)}, data: []};
    }
  }

  // --- remote keys
  app.get("/eth/v1/remotekeys", async () => ({data: keys.remoteKeys()}));
  app.post("/eth/v1/remotekeys", async (req) => {
    const remote = object(req.body).remote_keys;
    if (!Array.isArray(remote)) throw new BadRequest("remote_keys must be an array");
    const checked = remote.map((r: unknown) => {
      const o = object(r);
      if (typeof o.pubkey !== "string" || !PUBKEY_RE.test(o.pubkey)) throw new BadRequest("remote_keys[].pubkey must be a 48-byte hex pubkey");
      if (typeof o.url !== "string" || !URL.canParse(o.url)) throw new BadRequest("remote_keys[].url must be a URL");
      return {pubkey: o.pubkey, url: o.url};
    });
    return {data: checked.map((r) => keys.importRemote(r.pubkey, r.url))};
  });
  app.delete("/eth/v1/remotekeys", async (req) => {
    const pubkeys = stringArray(object(req.body).pubkeys, "pubkeys", PUBKEY_RE);
    return {data: pubkeys.map((p) => keys.deleteRemote(p))};
  });

  // --- per-key proposer settings: only for keys we hold (404 otherwise)
  const knownPubkey = (req: FastifyRequest): string => {
    const pubkey = pubkeyParam(req);
    if (!keys.has(pubkey)) throw new BadRequest(`validator ${pubkey} is not managed by this client`, 404);
    return pubkey;
  };
  /**
   * GET, POST and DELETE of one per-key setting: `jsonField` is its name in the API's bodies,
   * `parse` checks a POSTed value (a BadRequest when it does not fit) and returns what is stored.
   */
  const settingRoutes = <F extends "feeRecipient" | "gasLimit" | "graffiti">(
    route: string,
    jsonField: string,
    field: F,
    read: (pubkey: string) => string,
    parse: (value: unknown) => NonNullable<Parameters<ProposerSettings["set"]>[1][F]>,
  ): void => {
    const url = `/eth/v1/validator/:pubkey/${route}`;
    app.get(url, async (req) => {
      const pubkey = knownPubkey(req);
      return {data: {pubkey, [jsonField]: read(pubkey)}};
    });
    app.post(url, async (req, reply) => {
      const pubkey = knownPubkey(req);
      settings.set(pubkey, {[field]: parse(object(req.body)[jsonField])});
      return reply.code(202).send();
    });
    app.delete(url, async (req, reply) => {
      settings.unset(knownPubkey(req), field);
      return reply.code(204).send();
    });
  };

  settingRoutes("feerecipient", "ethaddress", "feeRecipient", (pubkey) => settings.feeRecipient(pubkey) ?? ZERO_FEE_RECIPIENT, (value) => {
    if (typeof value !== "string" || !ADDRESS_RE.test(value)) throw new BadRequest("ethaddress must be a 20-byte hex address");
    return value.toLowerCase();
  });
  settingRoutes("gas_limit", "gas_limit", "gasLimit", (pubkey) => String(settings.gasLimit(pubkey)), (value) => {
    if (typeof value !== "string" || !UINT_RE.test(value) || !Number.isSafeInteger(Number(value))) throw new BadRequest("gas_limit must be a decimal string");
    return Number(value);
  });
  settingRoutes("graffiti", "graffiti", "graffiti", (pubkey) => settings.graffiti(pubkey), (value) => {
    if (typeof value !== "string" || Buffer.byteLength(value, "utf8") > 32) throw new BadRequest("graffiti must be a string of at most 32 UTF-8 bytes");
    return value;
  });

  // --- voluntary exit
  app.post("/eth/v1/validator/:pubkey/voluntary_exit", async (req) => {
    const pubkey = pubkeyParam(req);
    const secretKey = keys.secretKeyOf(pubkey);
    if (secretKey === null) throw new BadRequest(`no local key ${pubkey}`, 404);
    const config = requireConfig();
    const {epoch: epochParam} = req.query as {epoch?: string};
    if (epochParam !== undefined && !UINT_RE.test(epochParam)) throw new BadRequest("epoch must be a decimal number");
    const validators = (await opts.beacon.postStateValidators({stateId: "head", query: {ids: [pubkey as HexString]}})).data;
    if (validators.length === 0) throw new BadRequest(`validator ${pubkey} is not known to the beacon node`, 404);
    const epoch = epochParam !== undefined ? Number(epochParam) : currentEpochAt(config, (await opts.beacon.getGenesis()).data.genesisTime, now());
    logger.info("Voluntary exit signed through the keymanager API", {pubkey, validatorIndex: validators[0].index, epoch});
    return {data: voluntaryExitToJson(signVoluntaryExit(config, secretKey, validators[0].index, epoch))};
  });

  return {
    app,
    async listen() {
      await app.listen({host, port: opts.port ?? DEFAULT_KEYMANAGER_PORT});
      const address = app.server.address();
      const port = typeof address === "object" && address !== null ? address.port : (opts.port ?? DEFAULT_KEYMANAGER_PORT);
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
      logger.info("Keymanager API listening", {url});
      return {url, port};
    },
    close: () => app.close(),
  };
}
