// The chain as the Beacon API implementation sees it on a networked node: the same BeaconChain, with
// what the API submits and the chain accepts also published to gossip, and /node/syncing answered
// from range sync. A decorator, so that the API implementation needs no knowledge of the network.
import type {BeaconChain} from "../chain/chain.js";
import type {ImportBlockOpts} from "../chain/blocks/importBlock.js";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {SyncStatus} from "../chain/queries.js";
import type {GossipPublisher} from "./publisher.js";

export interface ApiChainHooks {
  publisher: GossipPublisher;
  /** Whether range sync considers the node behind its peers. */
  isSyncing(): boolean;
}

type Method = (...args: unknown[]) => unknown;

/** `chain`, with submissions published after the chain took them. */
export function apiChainWithNetwork(chain: BeaconChain, hooks: ApiChainHooks): BeaconChain {
  const {publisher} = hooks;
  const afterSuccess = <A extends unknown[]>(name: keyof BeaconChain, publish: (...args: A) => void): Method => {
    const original = (chain[name] as unknown as Method).bind(chain);
    return (...args: unknown[]) => {
      const out = original(...args);
      if (out instanceof Promise) return out.then((v) => (publish(...(args as A)), v));
      publish(...(args as A));
      return out;
    };
  };
  const overrides: Partial<Record<keyof BeaconChain, Method>> = {
    processBlock: afterSuccess("processBlock", (block: SignedBeaconBlockAllForks, opts: ImportBlockOpts) => {
      if (opts.source === "api" || opts.source === "local") publisher.block(block);
    }),
    submitAttestation: afterSuccess("submitAttestation", publisher.attestation),
    submitAggregateAndProof: afterSuccess("submitAggregateAndProof", publisher.aggregate),
    submitVoluntaryExit: afterSuccess("submitVoluntaryExit", publisher.voluntaryExit),
    submitProposerSlashing: afterSuccess("submitProposerSlashing", publisher.proposerSlashing),
    submitAttesterSlashing: afterSuccess("submitAttesterSlashing", publisher.attesterSlashing),
    submitBlsToExecutionChange: afterSuccess("submitBlsToExecutionChange", publisher.blsToExecutionChange),
    submitSyncCommitteeMessage: afterSuccess("submitSyncCommitteeMessage", publisher.syncCommitteeMessage),
    submitContributionAndProof: afterSuccess("submitContributionAndProof", publisher.contribution),
    getSyncStatus: (...args: unknown[]): SyncStatus => {
      const status = chain.getSyncStatus(...(args as [boolean?]));
      return {...status, isSyncing: hooks.isSyncing()};
    },
  };
  return new Proxy(chain, {
    get(target, prop, receiver) {
      const override = overrides[prop as keyof BeaconChain];
      return override ?? Reflect.get(target, prop, receiver);
    },
  });
}
