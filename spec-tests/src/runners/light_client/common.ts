// What every light_client handler needs: the case's fork schedule (its config.yaml moves fork epochs),
// and the fork that a fork digest or version names.
import {FORK_NAMES, type ForkName} from "@hearth/params";
import {createBeaconConfig, type BeaconConfig} from "@hearth/config";
import {lightClient} from "@hearth/state-transition";
import type {CaseId} from "../../types.js";
import {fromHex, toHex} from "../../util/files.js";
import {caseChainConfig} from "../../util/state.js";

export {caseChainConfig};

/** A case we cannot run because it needs a fork Hearth does not implement yet (gloas). */
export class UnknownForkError extends Error {}

export function caseBeaconConfig(c: CaseId, genesisValidatorsRoot: Uint8Array): BeaconConfig {
  return createBeaconConfig(caseChainConfig(c), genesisValidatorsRoot);
}

/** The light-client fork a fork digest names (from the digest boundaries of the config). */
export function forkOfDigest(config: BeaconConfig, digestHex: string): lightClient.LightClientFork {
  const boundary = config.forkBoundaryOfDigest(fromHex(digestHex));
  if (boundary === null) throw new UnknownForkError(`fork digest ${digestHex} names no fork Hearth knows (a later fork such as gloas?)`);
  return lightClient.lightClientForkOf(boundary.fork);
}

/** The light-client fork a fork version names. */
export function forkOfVersion(config: BeaconConfig, versionHex: string): lightClient.LightClientFork {
  const want = versionHex.toLowerCase();
  const found = (FORK_NAMES as readonly ForkName[]).filter((f) => toHex(config.forkVersion(f)) === want);
  // Forks sharing a version do not occur in the vectors; the last match is the latest fork.
  const fork = found[found.length - 1];
  if (fork === undefined) throw new UnknownForkError(`fork version ${versionHex} names no fork Hearth knows (a later fork such as gloas?)`);
  return lightClient.lightClientForkOf(fork);
}
