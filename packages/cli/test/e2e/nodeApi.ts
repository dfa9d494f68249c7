// What the e2e tests read from a node's Beacon API, as numbers: its head and its finality.
import {getJson} from "./runCli.js";

export async function head(api: string): Promise<{slot: number; root: string}> {
  const body = await getJson<{data: {root: string; header: {message: {slot: string}}}}>(`${api}/eth/v1/beacon/headers/head`);
  return {slot: Number(body.data.header.message.slot), root: body.data.root};
}

export async function finality(api: string): Promise<{finalized: number; finalizedRoot: string; justified: number}> {
  const body = await getJson<{data: {finalized: {epoch: string; root: string}; current_justified: {epoch: string}}}>(`${api}/eth/v1/beacon/states/head/finality_checkpoints`);
  return {finalized: Number(body.data.finalized.epoch), finalizedRoot: body.data.finalized.root, justified: Number(body.data.current_justified.epoch)};
}

/** Whether two nodes have the same head block. */
export async function sameHead(api1: string, api2: string): Promise<boolean> {
  const [h1, h2] = await Promise.all([head(api1), head(api2)]);
  return h1.root === h2.root;
}
