// `hearth validator`: loads the keys (keystores from --keystoresDir and the data directory, a
// Web3Signer's keys), opens slashing protection, and runs the duties against the first healthy
// of --beaconNodes; optionally doppelganger protection and the Keymanager API.
import fs from "node:fs";
import path from "node:path";
import type {Logger} from "@hearth/api";
import {fromHex, toHex, type BeaconConfig} from "@hearth/config";
import {
  API_TOKEN_FILE_NAME,
  BeaconNodes,
  DEFAULT_GAS_LIMIT,
  DoppelgangerService,
  ProposerSettings,
  SlashingProtection,
  ValidatorClient,
  ValidatorKeys,
  createKeymanagerServer,
  currentEpochAt,
  dataDirLayout,
  graffitiBytes,
  listWeb3SignerKeys,
  loadKeystores,
  slashingProtectionDbDir,
  sleep,
  type KeymanagerServer,
  type PasswordSource,
  type SigningGuards,
} from "@hearth/validator";
import {loadOrCreateApiToken, startValidatorMetrics} from "@hearth/validator";
import {onShutdown} from "../../shutdown.js";
import {runDoppelgangerChecks} from "./doppelganger.js";
import {validatorLogger, type ValidatorArgs} from "./options.js";

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** --suggestedFeeRecipient and --graffiti, checked before anything starts. */
function checkProposerFlags(args: ValidatorArgs): void {
  if (args.suggestedFeeRecipient !== undefined && !ADDRESS_RE.test(args.suggestedFeeRecipient)) {
    throw new Error(`--suggestedFeeRecipient must be a 0x-prefixed 20-byte hex address, got ${args.suggestedFeeRecipient}`);
  }
  graffitiBytes(args.graffiti);
}

function passwordSource(args: ValidatorArgs): PasswordSource {
  if (args.secretsDir !== undefined && args.passwordFile !== undefined) throw new Error("give --secretsDir or --passwordFile, not both");
  if (args.secretsDir !== undefined) return {secretsDir: path.resolve(args.secretsDir)};
  if (args.passwordFile !== undefined) return {passwordFile: path.resolve(args.passwordFile)};
  throw new Error("--keystoresDir needs --secretsDir (one password file per key) or --passwordFile");
}

/** Waits for the first beacon node to answer genesis (the chain may not have started yet). */
async function waitForGenesis(nodes: BeaconNodes, logger: Logger, signal: AbortSignal): Promise<number> {
  for (;;) {
    try {
      return (await nodes.api.getGenesis(undefined, {signal})).data.genesisTime;
    } catch (e) {
      if (signal.aborted) throw e;
      logger.warn("Waiting for a beacon node", {error: (e as Error).message});
      await sleep(1000, signal);
    }
  }
}

export async function runValidator(args: ValidatorArgs): Promise<void> {
  const logger = validatorLogger(args);
  checkProposerFlags(args);
  const dataDir = path.resolve(args.dataDir);
  fs.mkdirSync(dataDir, {recursive: true});
  const dirs = dataDirLayout(dataDir);
  const controller = new AbortController();
  const closers: (() => Promise<void> | void)[] = [];
  let closing: Promise<void> | null = null;
  // once, however often asked (a failed start, then a signal): last opened, first closed
  const closeAll = (): Promise<void> =>
    (closing ??= (async () => {
      controller.abort();
      for (const close of [...closers].reverse()) await close();
    })());
  onShutdown(logger, closeAll);

  try {
    const protection = await SlashingProtection.open({dbDir: slashingProtectionDbDir(dataDir), logger: logger.child("slashing")});
    closers.push(() => protection.close());

    const nodes = new BeaconNodes({urls: args.beaconNodes.split(",").map((u) => u.trim()).filter(Boolean), logger: logger.child("beaconNodes")});
    await nodes.start();
    closers.push(() => nodes.stop());
    const metrics = await startValidatorMetrics(nodes.api, {enabled: args.metrics, host: args["metrics.address"], port: args["metrics.port"], logger});
    closers.push(() => metrics.close());

    const doppelganger = args.doppelgangerProtection ? new DoppelgangerService({api: nodes.api, logger: logger.child("doppelganger")}) : undefined;
    const guards: SigningGuards = {slashingProtection: protection, doppelganger};
    let genesisTime: number | null = null;
    /** Every signer made is watched by doppelganger protection from the epoch it was made in. */
    const watch = (config: BeaconConfig, pubkey: Uint8Array): void => {
      if (doppelganger !== undefined && genesisTime !== null) doppelganger.register(pubkey, currentEpochAt(config, genesisTime, Date.now()));
    };
    // every key, local or remote, loaded at start or imported later, signs through `guards`
    const keys = new ValidatorKeys({dirs, remoteKeysFile: path.join(dataDir, "remote-keys.json"), logger: logger.child("keys"), guards, onSigner: watch});
    closers.push(() => keys.close());

    // keys given on the command line are readonly; those imported into the data directory are not
    if (args.keystoresDir !== undefined) {
      for (const k of await loadKeystores({keystoresDir: path.resolve(args.keystoresDir), passwords: passwordSource(args), logger: logger.child("keystores")})) {
        keys.addLoaded(k, {readonly: true});
      }
    }
    if (fs.existsSync(dirs.keystoresDir) && path.resolve(args.keystoresDir ?? "") !== dirs.keystoresDir) {
      for (const k of await loadKeystores({keystoresDir: dirs.keystoresDir, passwords: {secretsDir: dirs.secretsDir}, logger: logger.child("keystores")})) {
        keys.addLoaded(k, {readonly: false});
      }
    }
    const externalSigner = args["externalSigner.url"];
    if (externalSigner !== undefined) {
      const remote = await listWeb3SignerKeys({url: externalSigner});
      for (const pubkey of remote) keys.addRemote(toHex(pubkey), externalSigner);
      logger.info("Remote signer keys", {url: externalSigner, keys: remote.length});
    }
    if (keys.size === 0 && !args.keymanager) throw new Error("no validator keys: give --keystoresDir, --externalSigner.url, import keys, or enable --keymanager");

    genesisTime = await waitForGenesis(nodes, logger, controller.signal);
    // per-key values set through the keymanager live in the data directory, and count with or without --keymanager
    const settings = new ProposerSettings(
      path.join(dataDir, "proposer-settings.json"),
      {feeRecipient: args.suggestedFeeRecipient?.toLowerCase() ?? null, gasLimit: args.gasLimit ?? DEFAULT_GAS_LIMIT, graffiti: args.graffiti ?? ""},
      logger,
    );
    const client = new ValidatorClient({
      api: metrics.api,
      createSigners: (config) => keys.signers(config),
      logger: logger.child("validator"),
      proposerPreferences: settings.asPreferences(),
      builderRegistrations: args["builder.registrations"],
    });
    closers.push(() => client.stop());
    keys.attach(client);

    let keymanager: KeymanagerServer | null = null;
    if (args.keymanager) {
      const tokenFile = path.join(dataDir, API_TOKEN_FILE_NAME);
      const {token, created, tightened} = loadOrCreateApiToken(tokenFile);
      if (created) logger.info("Keymanager API token created", {file: tokenFile});
      if (tightened) logger.warn("Keymanager API token file was readable by others, now owner-only (0600)", {file: tokenFile});
      keymanager = createKeymanagerServer({
        keys,
        settings,
        token,
        slashingProtection: protection,
        getConfig: () => client.config,
        beacon: nodes.api,
        host: args["keymanager.address"],
        port: args["keymanager.port"],
        logger: logger.child("keymanager"),
      });
      const server = keymanager;
      closers.push(() => server.close());
      await keymanager.listen();
    }

    await client.start();
    logger.info("Validator client running", {keys: keys.size, beaconNode: nodes.currentUrl, doppelgangerProtection: doppelganger !== undefined});
    if (doppelganger !== undefined && client.config !== null) {
      const config = client.config;
      const loop = runDoppelgangerChecks({
        service: doppelganger,
        api: nodes.api,
        config,
        genesisTime,
        pubkeys: () => [...keys.localKeys(), ...keys.remoteKeys()].map((k) => fromHex(k.pubkey)),
        logger: logger.child("doppelganger"),
        signal: controller.signal,
      });
      closers.push(() => loop);
    }
  } catch (e) {
    // a start cut short by SIGINT/SIGTERM is no failure: the shutdown handler closes and exits 0
    const stopped = controller.signal.aborted;
    await closeAll().catch(() => {});
    if (!stopped) throw e;
  }
}
