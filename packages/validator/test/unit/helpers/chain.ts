// Small interop chains for tests: a genesis state of any fork, states advanced to a slot, and an
// empty block at a slot, all from @hearth/state-transition.
import type {Type} from "@chainsafe/ssz";
import {ACTIVE_PRESET, FORK_NAMES, ForkSeq, type ForkName} from "@hearth/params";
import {FORK_CONFIG_KEYS, createBeaconConfig, getNetworkConfig, type BeaconConfig, type ChainConfig} from "@hearth/config";
import {phase0, sszTypesFor} from "@hearth/types";
import {G2_POINT_AT_INFINITY} from "@hearth/bls";
import {
  cloneCachedState,
  createInteropGenesisState,
  genesisBlockRoot,
  processSlots,
  util,
  type BeaconBlockAllForks,
  type CachedBeaconState,
} from "@hearth/state-transition";

/** The preset's config with every fork up to `fork` at genesis and the later ones unscheduled. */
export function configAtGenesis(fork: ForkName, overrides: Partial<Record<string, unknown>> = {}): ChainConfig {
  const epochs: Record<string, number> = {};
  for (const f of FORK_NAMES) if (f !== "phase0") epochs[FORK_CONFIG_KEYS[f].epoch] = ForkSeq[f] <= ForkSeq[fork] ? 0 : Infinity;
  return {...getNetworkConfig(ACTIVE_PRESET === "minimal" ? "minimal" : "mainnet"), ...epochs, ...overrides} as ChainConfig;
}

export class TestChain {
  readonly genesis: CachedBeaconState;
  readonly config: BeaconConfig;
  readonly genesisRoot: Uint8Array;
  private readonly states = new Map<number, CachedBeaconState>();

  constructor(
    readonly fork: ForkName,
    readonly validatorCount: number,
    readonly genesisTime = 1_600_000_000,
    chainOverrides: Partial<Record<string, unknown>> = {},
  ) {
    this.genesis = createInteropGenesisState(configAtGenesis(fork, chainOverrides), fork, validatorCount, genesisTime);
    this.config = createBeaconConfig(this.genesis.config, this.genesis.state.genesisValidatorsRoot);
    this.genesisRoot = genesisBlockRoot(this.genesis);
    this.states.set(0, this.genesis);
  }

  /** The genesis state advanced through empty slots to `slot` (no blocks). */
  stateAt(slot: number): CachedBeaconState {
    let cs = this.states.get(slot);
    if (cs === undefined) {
      const from = Math.max(...[...this.states.keys()].filter((s) => s < slot));
      cs = cloneCachedState(this.states.get(from) as CachedBeaconState);
      processSlots(cs, slot);
      this.states.set(slot, cs);
    }
    return cs;
  }

  proposerAt(slot: number): number {
    return util.getBeaconProposerIndex(this.stateAt(slot));
  }

  /** An empty block at `slot` on top of genesis, as a node would hand it out to sign. */
  blockAt(slot: number, randaoReveal: Uint8Array, graffiti?: Uint8Array): {fork: ForkName; block: BeaconBlockAllForks} {
    const cs = this.stateAt(slot);
    const types = sszTypesFor(cs.fork);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const block = (types.BeaconBlock as unknown as Type<any>).defaultValue();
    block.slot = slot;
    block.proposerIndex = util.getBeaconProposerIndex(cs);
    block.parentRoot = phase0.BeaconBlockHeader.hashTreeRoot(cs.state.latestBlockHeader.toValue());
    block.body.randaoReveal = randaoReveal;
    if (graffiti) block.body.graffiti = graffiti;
    // an empty sync aggregate: no participant, the point at infinity
    if (ForkSeq[cs.fork] >= ForkSeq.altair) block.body.syncAggregate.syncCommitteeSignature = G2_POINT_AT_INFINITY;
    return {fork: cs.fork, block: block as BeaconBlockAllForks};
  }
}

/** The committees of `slot` (64 validators: one of 2 members on mainnet, two of 4 on minimal). */
export function committeesAt(chain: TestChain, slot: number): number[][] {
  const cs = chain.stateAt(slot);
  const count = cs.epochCtx.getCommitteeCountPerSlot(util.computeEpochAtSlot(slot));
  return Array.from({length: count}, (_, i) => Array.from(cs.epochCtx.getBeaconCommittee(slot, i)));
}
