// The validator client: for a set of keys, against one beacon node's API, performs every duty at
// its time in the slot until stopped. Chain parameters come from the node (genesis, spec).
import {ACTIVE_PRESET, SLOTS_PER_EPOCH} from "@hearth/params";
import {chainConfigFromJson, createBeaconConfig, toHex, type BeaconConfig, type ChainConfig} from "@hearth/config";
import type {SecretKey} from "@hearth/bls";
import {ApiClientError, noopLogger, type Logger} from "@hearth/api";
import type {ValidatorApi} from "./api.js";
import {Clock, sleep} from "./clock.js";
import {ValidatorError, ValidatorErrorCode} from "./errors.js";
import {AttestationService} from "./services/attestation.js";
import {BlockProposalService} from "./services/blockProposal.js";
import {DutiesService} from "./services/duties.js";
import {SyncCommitteeService} from "./services/syncCommittee.js";
import {ValidatorStore} from "./services/validatorStore.js";
import {createLocalSigner, type Signer} from "./signer/signer.js";
import type {SigningGuards} from "./signer/guarded.js";
import {fixedProposerPreferences, type ProposerPreferences} from "./services/proposerPreferences.js";

export interface ValidatorClientOptions {
  api: ValidatorApi;
  /** Local keys, signed with createLocalSigner (through `guards` when given). */
  secretKeys?: readonly SecretKey[];
  /** Slashing (and doppelganger) protection for the signers of `secretKeys`. */
  guards?: SigningGuards;
  /**
   * Signers made once the chain is known (every domain depends on its genesis validators root),
   * beside those of `secretKeys`: where slashing protection or a remote signer plugs in.
   */
  createSigners?: (config: BeaconConfig) => Signer[];
  logger?: Logger;
  /** Fee recipient, gas limit and graffiti per key; without it, `feeRecipient` and `graffiti` for every key. */
  proposerPreferences?: ProposerPreferences;
  /** Graffiti of proposed blocks: up to 32 bytes, or a UTF-8 string of at most 32 bytes. */
  graffiti?: Uint8Array | string;
  /** Fee recipient announced for every validator (prepareBeaconProposer). */
  feeRecipient?: Uint8Array;
  /** Send signed builder registrations (register_validator) each epoch. */
  builderRegistrations?: boolean;
  /** Wait between attempts to reach the beacon node at start and to reconnect the event stream. */
  retryMs?: number;
  /** Unix milliseconds; Date.now unless a test controls time. */
  now?: () => number;
}

interface Running {
  config: BeaconConfig;
  clock: Clock;
  store: ValidatorStore;
  duties: DutiesService;
}

export class ValidatorClient {
  private readonly api: ValidatorApi;
  private readonly logger: Logger;
  private readonly retryMs: number;
  private readonly controller = new AbortController();
  /** Everything started that stop() must wait for. */
  private readonly tasks = new Set<Promise<unknown>>();
  private running: Running | null = null;
  private started = false;

  private readonly preferences: ProposerPreferences;

  constructor(private readonly opts: ValidatorClientOptions) {
    this.api = opts.api;
    // checked here, so that a bad --graffiti fails at once rather than at the first proposal
    this.preferences = opts.proposerPreferences ?? fixedProposerPreferences({feeRecipient: opts.feeRecipient, graffiti: opts.graffiti});
    this.logger = opts.logger ?? noopLogger;
    this.retryMs = opts.retryMs ?? 1000;
  }

  get config(): BeaconConfig | null {
    return this.running?.config ?? null;
  }

  /**
   * Reads genesis and the chain config from the node (waiting for it to be reachable), then starts
   * the clock and the head event subscription. Resolves once duties run; throws if stop() came first.
   */
  async start(): Promise<void> {
    if (this.started || this.controller.signal.aborted) throw new Error("validator client already started or stopped");
    this.started = true;
    const signal = this.controller.signal;
    const {genesisTime, config} = await this.readChain(signal);
    if (signal.aborted) throw new Error("validator client stopped before it started");
    const signers = [...(this.opts.secretKeys ?? []).map((sk) => createLocalSigner(sk, config, this.opts.guards)), ...(this.opts.createSigners?.(config) ?? [])];
    const store = new ValidatorStore(signers);
    const clock = new Clock({genesisTime, slotDurationMs: config.chain.SLOT_DURATION_MS, now: this.opts.now, logger: this.logger});
    const {preferences} = this;
    const duties = new DutiesService({api: this.api, store, config, logger: this.logger, preferences, builderRegistrations: this.opts.builderRegistrations});
    const blocks = new BlockProposalService({api: this.api, logger: this.logger, preferences});
    const attestations = new AttestationService({api: this.api, duties, config, logger: this.logger});
    const sync = new SyncCommitteeService({api: this.api, duties, config, logger: this.logger});
    const chain = config.chain;

    const epochOf = (slot: number): number => Math.floor(slot / SLOTS_PER_EPOCH);
    clock.on(0, "proposal", async (slot, s) => {
      await duties.ensureEpoch(epochOf(slot), s);
      const proposals = duties.proposersAt(slot).map((duty) =>
        blocks.propose(duty, s).catch((e: Error) => {
          if (!s.aborted) this.logger.error("Block proposal failed", {slot, validator: duty.validatorIndex, error: e.message});
        }),
      );
      await Promise.all(proposals);
    });
    clock.on(chain.ATTESTATION_DUE_BPS, "attestation", async (slot, s) => {
      await duties.ensureEpoch(epochOf(slot), s);
      await attestations.attest(slot, s);
    });
    clock.on(chain.SYNC_MESSAGE_DUE_BPS, "syncMessage", async (slot, s) => {
      await duties.ensureEpoch(epochOf(slot), s);
      await sync.produceMessages(slot, s);
    });
    clock.on(chain.AGGREGATE_DUE_BPS, "aggregate", (slot, s) => attestations.aggregate(slot, s));
    clock.on(chain.CONTRIBUTION_DUE_BPS, "contribution", (slot, s) => sync.produceContributions(slot, s));

    this.running = {config, clock, store, duties};
    this.logger.info("Validator client started", {
      validators: store.size,
      genesisTime,
      fork: config.forkAtEpoch(clock.currentEpoch),
      slot: clock.currentSlot,
    });
    this.track(clock.start(signal));
    this.track(this.followHead(attestations, duties, clock, signal));
    // fetch the current epoch's duties now rather than at the first slot point
    this.track(duties.ensureEpoch(clock.currentEpoch, signal));
  }

  /** Adds a key while running (keymanager import); false when it is already held. Throws before start. */
  addSigner(signer: Signer): boolean {
    if (this.running === null) throw new Error("validator client not started: pass the key at construction");
    return this.running.store.add(signer);
  }

  /** Removes a key while running (keymanager delete); false when it was not held. */
  removeSigner(pubkey: Uint8Array): boolean {
    return this.running?.store.remove(pubkey) ?? false;
  }

  /** Stops every duty and timer; resolves when all have ended. */
  async stop(): Promise<void> {
    this.controller.abort();
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    if (this.running !== null) this.logger.info("Validator client stopped");
  }

  private track(task: Promise<unknown>): void {
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task)).catch(() => {});
  }

  private async readChain(signal: AbortSignal): Promise<{genesisTime: number; config: BeaconConfig}> {
    for (;;) {
      try {
        const genesis = (await this.api.getGenesis(undefined, {signal})).data;
        const chain = chainConfigFromJson((await this.api.getSpec(undefined, {signal})).data);
        checkPreset(chain);
        const config = createBeaconConfig(chain, genesis.genesisValidatorsRoot);
        this.logger.info("Connected to beacon node", {
          network: chain.CONFIG_NAME,
          genesisTime: genesis.genesisTime,
          genesisValidatorsRoot: toHex(genesis.genesisValidatorsRoot),
        });
        return {genesisTime: genesis.genesisTime, config};
      } catch (e) {
        // only an unreachable or not yet ready node is worth waiting for; a bad config is not
        if (!(e instanceof ApiClientError) || signal.aborted) throw e;
        this.logger.warn("Beacon node not ready", {error: (e as Error).message});
        await sleep(this.retryMs, signal);
        if (signal.aborted) throw new Error("validator client stopped before it started");
      }
    }
  }

  /**
   * Head events: a block of the current slot lets attesters vote at once (phase0 validator.md,
   * "Attesting"), and a changed dependent root makes the duties stale. Reconnects until stopped.
   */
  private async followHead(attestations: AttestationService, duties: DutiesService, clock: Clock, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        for await (const event of this.api.eventstream(["head"], {signal})) {
          if (event.type !== "head") continue;
          const head = event.message;
          this.track(
            duties.onHead(head, signal).catch((e: Error) => {
              if (!signal.aborted) this.logger.warn("Duties refetch failed", {slot: head.slot, error: e.message});
            }),
          );
          if (head.slot === clock.currentSlot) {
            // after the epoch's duties are in: a round run without them would count as done
            this.track(duties.ensureEpoch(Math.floor(head.slot / SLOTS_PER_EPOCH), signal).then(() => attestations.attest(head.slot, signal)));
          }
        }
      } catch (e) {
        if (!signal.aborted) this.logger.warn("Event stream failed", {error: (e as Error).message});
      }
      await sleep(this.retryMs, signal);
    }
  }
}

/** SSZ types are sized by this process's preset: a node of another preset cannot be served. */
function checkPreset(chain: ChainConfig): void {
  const slotsPerEpoch = chain.SLOTS_PER_EPOCH;
  if (chain.PRESET_BASE !== ACTIVE_PRESET || (slotsPerEpoch !== undefined && Number(slotsPerEpoch) !== SLOTS_PER_EPOCH)) {
    throw new ValidatorError(ValidatorErrorCode.PRESET_MISMATCH, {node: chain.PRESET_BASE, local: ACTIVE_PRESET, slotsPerEpoch: String(slotsPerEpoch)});
  }
}

