// The child of the crash test: signs a fixed pattern of blocks and attestations through slashing
// protection, appending each signature to an append-only "released" file only after it is signed
// (publishing). It can SIGKILL itself right after the record is written (before signing) or right
// after signing (before publishing), and the parent may SIGKILL it at any moment.
//
// The pattern overlaps every earlier run's slots and targets with different data, and every fourth
// vote reaches back (source = target - 6) over earlier votes: without protection the released file
// fills with double proposals, double votes and surround votes.
//
// usage: node crashChild.js <dbDir> <releasedFile> <run> <killPoint: none|afterRecord|afterSign> <killAt> [--unprotected]
import {appendFileSync} from "node:fs";
import type {Type} from "@chainsafe/ssz";
import {DOMAIN_BEACON_ATTESTER, DOMAIN_BEACON_PROPOSER, SLOTS_PER_EPOCH} from "@hearth/params";
import {computeSigningRoot, createBeaconConfig, getNetworkConfig, toHex} from "@hearth/config";
import {SecretKey} from "@hearth/bls";
import {phase0, sszTypesFor} from "@hearth/types";
import type {BeaconBlockAllForks} from "@hearth/state-transition";
// the modules themselves, not the package index: a child that starts 50 times should not load the
// state transition (the signing roots are computed here as computeMessageSigningRoot would)
import {SlashingProtection} from "../../src/slashingProtection/slashingProtection.js";
import {SlashingProtectionError} from "../../src/slashingProtection/errors.js";
import {guardSignFn} from "../../src/signer/guarded.js";
import type {SignFn} from "../../src/signer/signer.js";
import type {SigningRequest} from "../../src/signer/messages.js";
import {CRASH_GVR, CRASH_SECRET_KEY_IKM, STEPS_PER_RUN} from "./crashConstants.js";


async function main(): Promise<void> {
  const [dbDir, releasedFile, runArg, killPoint, killAtArg, flag] = process.argv.slice(2);
  const run = Number(runArg);
  const killAt = Number(killAtArg);
  const unprotected = flag === "--unprotected";
  const config = createBeaconConfig(getNetworkConfig("minimal"), CRASH_GVR);
  const sk = SecretKey.fromKeygen(CRASH_SECRET_KEY_IKM);
  const pubkey = sk.toPublicKey().toBytes();

  // how often each kill point was reached; the child dies when its point is reached for the killAt-th time
  const reached = {afterRecord: 0, afterSign: 0};
  const die = (point: "afterRecord" | "afterSign"): void => {
    if (killPoint === point && reached[point] === killAt) process.kill(process.pid, "SIGKILL");
    reached[point]++;
  };
  const sign: SignFn = async (request) => {
    die("afterRecord"); // recorded durably, not yet signed
    return sk.sign(request.signingRoot).toBytes();
  };
  const protection = unprotected ? null : await SlashingProtection.open({dbDir});
  const signFn = protection === null ? sign : guardSignFn(sign, config, {slashingProtection: protection});
  process.stdout.write("ready\n");

  // every run starts two steps after the previous one, so it re-attempts most of its slots and targets
  const base = run * 2;
  for (let j = 0; j < STEPS_PER_RUN; j++) {
    const slot = base + j + 1;
    const target = base + j + 1;
    const source = j % 4 === 3 ? Math.max(0, target - 6) : target - 1;
    const tag = new Uint8Array(32);
    tag[0] = run & 0xff;
    tag[1] = j;

    const fork = config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH));
    const block = {...(sszTypesFor(fork).BeaconBlock.defaultValue() as BeaconBlockAllForks), slot};
    (block.body as {graffiti: Uint8Array}).graffiti = tag;
    const data: phase0.AttestationData = {...phase0.AttestationData.defaultValue(), slot: target * SLOTS_PER_EPOCH, beaconBlockRoot: tag, source: {epoch: source, root: tag}, target: {epoch: target, root: tag}};

    const blockRoot = computeSigningRoot(sszTypesFor(fork).BeaconBlock as unknown as Type<BeaconBlockAllForks>, block, config.getDomain(DOMAIN_BEACON_PROPOSER, Math.floor(slot / SLOTS_PER_EPOCH)));
    const attestationRoot = computeSigningRoot(phase0.AttestationData, data, config.getDomain(DOMAIN_BEACON_ATTESTER, target));
    const requests: [Record<string, number | string>, SigningRequest][] = [
      [{kind: "block", slot}, {pubkey, signingRoot: blockRoot, message: {type: "block", fork, block}}],
      [{kind: "attestation", source, target}, {pubkey, signingRoot: attestationRoot, message: {type: "attestation", data}}],
    ];
    for (const [message, request] of requests) {
      try {
        const signature = await signFn(request);
        const signingRoot = request.signingRoot;
        die("afterSign"); // signed, not yet published
        appendFileSync(releasedFile, JSON.stringify({...message, run, signingRoot: toHex(signingRoot), signature: toHex(signature)}) + "\n");
      } catch (e) {
        if (!(e instanceof SlashingProtectionError)) throw e;
        process.stdout.write(`refused ${e.code}\n`);
      }
    }
  }
  await protection?.close();
}

main().catch((e: Error) => {
  process.stderr.write(`crash child failed: ${e.stack ?? e.message}\n`);
  process.exit(2);
});
