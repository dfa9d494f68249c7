// Groups that move the chain: a block produced, signed and published through the API, bad blocks,
// the attestation pool, liveness, fee recipients, the debug state, and finality.
import {BitArray} from "@chainsafe/ssz";
import type {AnyBeaconBlock, AnyBlockContents, ApiResult, BeaconEvent, EventTopic, ProducedBlock, PublishedBlock, SubmittedAttestation} from "@hearth/api";
import {computeSigningRoot, toHex} from "@hearth/config";
import {DOMAIN_BEACON_ATTESTER, ForkSeq} from "@hearth/params";
import type {BeaconBlockAllForks, SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {phase0, sszTypesFor} from "@hearth/types";
import {ChainEvent, computeBlockRoot} from "../../../../src/chain/index.js";
import {randaoReveal, type ScenarioContext} from "./context.js";
import {failureOf} from "./report.js";

const isDeneb = (ctx: ScenarioContext): boolean => ForkSeq[ctx.fork] >= ForkSeq.deneb;
const isElectra = (ctx: ScenarioContext): boolean => ForkSeq[ctx.fork] >= ForkSeq.electra;

interface Produced {
  res: ApiResult<ProducedBlock, {version: string; executionPayloadBlinded: boolean; executionPayloadValue: bigint; consensusBlockValue: bigint}>;
  block: BeaconBlockAllForks;
  proposerIndex: number;
}

/** A block for `slot` from produceBlockV3, with the proposer's RANDAO reveal. */
async function produce(ctx: ScenarioContext, slot: number): Promise<Produced> {
  const duties = await ctx.client.getProposerDuties({epoch: Math.floor(slot / 8)});
  const proposer = duties.data.find((d) => d.slot === slot);
  if (proposer === undefined) throw new Error(`no proposer duty for slot ${slot}`);
  const res = await ctx.client.produceBlockV3({slot, randaoReveal: randaoReveal(ctx, proposer.validatorIndex, slot)});
  const block = (isDeneb(ctx) ? (res.data as AnyBlockContents).block : (res.data as AnyBeaconBlock)) as BeaconBlockAllForks;
  return {res, block, proposerIndex: proposer.validatorIndex};
}

function publishable(ctx: ScenarioContext, signed: SignedBeaconBlockAllForks, produced: Produced): PublishedBlock {
  if (!isDeneb(ctx)) return signed as PublishedBlock;
  const {kzgProofs, blobs} = produced.res.data as AnyBlockContents;
  return {signedBlock: signed, kzgProofs, blobs} as PublishedBlock;
}

/** Events of `topics` from the API's stream, collected until stop(). */
async function collectEvents(ctx: ScenarioContext, topics: EventTopic[], chainEvent: ChainEvent): Promise<{events: BeaconEvent[]; stop(): void}> {
  const controller = new AbortController();
  const events: BeaconEvent[] = [];
  const before = ctx.h.chain.emitter.listenerCount(chainEvent);
  void (async () => {
    try {
      for await (const event of ctx.client.eventstream(topics, {signal: controller.signal})) events.push(event);
    } catch {
      // aborted
    }
  })();
  for (let i = 0; i < 200 && ctx.h.chain.emitter.listenerCount(chainEvent) === before; i++) await sleep(10);
  return {events, stop: () => controller.abort()};
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await sleep(10);
}

export async function blockGroups(ctx: ScenarioContext): Promise<void> {
  const {r, client, h, fork} = ctx;
  const headRoot = (): string => h.chain.head.node.blockRoot;
  let slot1Proposer = -1;

  await r.group("publish", async () => {
    h.setSlot(1);
    const stream = await collectEvents(ctx, ["head", "block", "block_gossip"], ChainEvent.head);
    const produced = await produce(ctx, 1);
    slot1Proposer = produced.proposerIndex;
    r.check("produceMeta", [produced.res.meta.version, produced.res.meta.executionPayloadBlinded], [fork, false]);
    r.check("producedBlock", [produced.block.slot, produced.block.proposerIndex, toHex(produced.block.parentRoot)], [1, produced.proposerIndex, ctx.genesisRoot]);
    if (isDeneb(ctx)) r.check("blobsBundle", Object.keys(produced.res.data).sort(), ["blobs", "block", "kzgProofs"]);
    const signed = h.sign(produced.block);
    const root = toHex(computeBlockRoot(h.chain, signed.message));
    const res = await client.publishBlockV2({fork, signedBlock: publishable(ctx, signed, produced)});
    r.check("publishStatus", res.status, 200);
    r.check("chainHead", headRoot(), root);
    const header = await client.getBlockHeader({blockId: "head"});
    r.check("headHeader", [header.data.root, header.data.header.message.slot, header.data.canonical], [root, 1, true]);
    r.check("headHeaderMeta", header.meta, {executionOptimistic: false, finalized: false});
    r.check("blockBySlot", (await client.getBlockRoot({blockId: 1})).data.root, root);
    r.check("blockByRoot", (await client.getBlockV2({blockId: root as `0x${string}`})).data.signature, signed.signature);
    r.check("headersAtSlot", (await client.getBlockHeaders({slot: 1})).data.map((b) => b.root), [root]);
    r.check("children", (await client.getBlockHeaders({parentRoot: produced.block.parentRoot})).data.map((b) => b.root), [root]);
    r.check("headStateRoot", (await client.getStateRoot({stateId: "head"})).data.root, produced.block.stateRoot);
    r.check("slotStateRoot", (await client.getStateRoot({stateId: 1})).data.root, produced.block.stateRoot);
    r.check("republish", (await client.publishBlockV2({fork, signedBlock: publishable(ctx, signed, produced)})).status, 200);
    await waitFor(() => stream.events.length >= 3);
    stream.stop();
    r.check(
      "events",
      stream.events.map((e) => [e.type, toHex((e.message as {block: Uint8Array}).block)]).sort(),
      [["block", root], ["block_gossip", root], ["head", root]]
    );
  });

  let attester = -1;
  let badAttester = -1;
  await r.group("pool", async () => {
    const duties = (await client.getAttesterDuties({epoch: 0, indices: Array.from({length: 64}, (_, i) => i)})).data.filter((d) => d.slot === 1 && d.committeeIndex === 0);
    const [d0, d1] = duties;
    attester = d0.validatorIndex;
    badAttester = d1.validatorIndex;
    const stream = await collectEvents(ctx, ["attestation", "single_attestation"], ChainEvent.attestation);
    if (!isElectra(ctx)) r.check("committeeIndexRequired", (await failureOf(client.produceAttestationData({slot: 1}))).status, 400);
    const data = (await client.produceAttestationData({slot: 1, committeeIndex: 0})).data;
    r.check("attestationData", [data.slot, data.index, data.beaconBlockRoot, data.source.epoch, data.target], [1, 0, headRoot(), 0, {epoch: 0, root: ctx.genesisRoot}]);
    const signingRoot = computeSigningRoot(phase0.AttestationData, data, h.domain(DOMAIN_BEACON_ATTESTER, 0));
    const attest = (duty: typeof d0, keyIndex: number): SubmittedAttestation => {
      const signature = h.keys[keyIndex].sign(signingRoot).toBytes();
      if (isElectra(ctx)) return {committeeIndex: 0, attesterIndex: duty.validatorIndex, data, signature};
      return {aggregationBits: BitArray.fromSingleBit(duty.committeeLength, duty.validatorCommitteeIndex), data, signature};
    };
    const failure = await failureOf(client.submitPoolAttestationsV2({fork, attestations: [attest(d0, d0.validatorIndex), attest(d1, d0.validatorIndex)]}));
    r.check("submitStatus", failure.status, 400);
    r.check("failureIndices", failure.failures?.map((f) => f.index), [1]);
    r.check("failureCode", failure.failures?.[0].message.includes("OP_ERROR_INVALID_SIGNATURE"), true);
    const pooled = await client.getPoolAttestationsV2({slot: 1});
    r.check("pooled", [pooled.meta.version, pooled.data.length, pooled.data[0]?.aggregationBits.getTrueBitIndexes().length], [fork, 1, 1]);
    const aggregate = await client.getAggregatedAttestationV2({attestationDataRoot: phase0.AttestationData.hashTreeRoot(data), slot: 1, committeeIndex: 0});
    r.check("aggregate", [aggregate.meta.version, aggregate.data.aggregationBits.getTrueBitIndexes().length, aggregate.data.signature], [fork, 1, h.keys[d0.validatorIndex].sign(signingRoot).toBytes()]);
    const missing = await failureOf(client.getAggregatedAttestationV2({attestationDataRoot: new Uint8Array(32).fill(7), slot: 1, committeeIndex: 0}));
    r.check("aggregate404", missing.status, 404);
    await waitFor(() => stream.events.length >= 1);
    stream.stop();
    r.check("event", stream.events.map((e) => e.type), [isElectra(ctx) ? "single_attestation" : "attestation"]);
  });

  await r.group("liveness", async () => {
    const idle = [...Array(64).keys()].find((i) => i !== attester && i !== badAttester && i !== slot1Proposer) as number;
    const live = await client.getLiveness({epoch: 0, indices: [attester, slot1Proposer, idle]});
    r.check("live", live.data.map((l) => l.isLive), [true, true, false]);
    r.check("futureEpoch", (await failureOf(client.getLiveness({epoch: 3, indices: [0]}))).status, 400);
  });

  await r.group("badBlocks", async () => {
    h.setSlot(2);
    const before = headRoot();
    const produced = await produce(ctx, 2);
    r.check("includesAttestation", (produced.block.body as {attestations: unknown[]}).attestations.length, 1);
    const publishBad = async (name: string, signed: SignedBeaconBlockAllForks, code: string): Promise<void> => {
      const failure = await failureOf(client.publishBlockV2({fork, signedBlock: publishable(ctx, signed, produced)}));
      r.check(name, [failure.status, failure.message.includes(code), headRoot()], [400, true, before]);
    };
    await publishBad("wrongStateRoot", h.sign({...produced.block, stateRoot: new Uint8Array(32).fill(0x11)}), "BLOCK_ERROR_INVALID_STATE_ROOT");
    await publishBad("badSignature", h.sign(produced.block, h.keys[(produced.proposerIndex + 1) % 64]), "BLOCK_ERROR_INVALID_SIGNATURE");
    await publishBad("unknownParent", h.sign({...produced.block, parentRoot: new Uint8Array(32).fill(0x22)}), "BLOCK_ERROR_PARENT_UNKNOWN");
    const garbage = await fetch(`${ctx.url}/eth/v2/beacon/blocks`, {
      method: "POST",
      headers: {"content-type": "application/json", "eth-consensus-version": fork},
      body: JSON.stringify({message: {slot: "2"}}),
    });
    r.check("garbageBody", garbage.status, 400);
    r.check("headAfterBad", (await client.getBlockRoot({blockId: "head"})).data.root, before);
    // the honest block still imports, sent as SSZ this time
    const signed = h.sign(produced.block);
    await client.publishBlockV2({fork, signedBlock: publishable(ctx, signed, produced)}, {sszRequest: true});
    r.check("goodAfterBad", headRoot(), toHex(computeBlockRoot(h.chain, signed.message)));
  });

  await r.group("feeRecipient", async () => {
    h.setSlot(3);
    const proposer = (await client.getProposerDuties({epoch: 0})).data.find((d) => d.slot === 3);
    if (proposer === undefined) throw new Error("no proposer for slot 3");
    const feeRecipient = new Uint8Array(20).fill(0x42);
    await client.prepareBeaconProposer({preparations: [{validatorIndex: proposer.validatorIndex, feeRecipient}]});
    const produced = await produce(ctx, 3);
    const payload = (produced.block.body as {executionPayload?: {feeRecipient: Uint8Array}}).executionPayload;
    r.check("payloadFeeRecipient", payload?.feeRecipient ?? null, ForkSeq[fork] >= ForkSeq.bellatrix ? feeRecipient : null);
    r.check("badRandao", (await failureOf(client.produceBlockV3({slot: 3, randaoReveal: randaoReveal(ctx, (proposer.validatorIndex + 1) % 64, 3)}))).status, 400);
    await client.publishBlockV2({fork, signedBlock: publishable(ctx, h.sign(produced.block), produced)});
    r.check("headSlot", h.chain.head.node.slot, 3);
  });

  await r.group("debug", async () => {
    const stateRoot = (await client.getStateRoot({stateId: "head"})).data.root;
    const type = sszTypesFor(fork).BeaconState as unknown as {hashTreeRoot(v: unknown): Uint8Array};
    const json = await client.getStateV2({stateId: "head"});
    r.check("json", [json.meta.version, (json.data as {slot: number}).slot, type.hashTreeRoot(json.data)], [fork, 3, stateRoot]);
    const ssz = await client.getStateV2({stateId: "head"}, {sszResponse: true});
    r.check("ssz", [ssz.meta.version, type.hashTreeRoot(ssz.data)], [fork, stateRoot]);
  });
}
