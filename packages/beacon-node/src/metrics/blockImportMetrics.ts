// Block import as an operator sees it: how long each import takes by source, how many succeed, and
// why the others were refused. Measured around chain.processBlock, the one path every block takes
// (DESIGN.md "How data flows"), so gossip, sync, API and local blocks are all counted the same way.
import type {BeaconChain} from "../chain/chain.js";
import {ChainEvent} from "../chain/emitter.js";
import type {BeaconMetrics} from "./beaconMetrics.js";

export function trackBlockImport(chain: BeaconChain, metrics: BeaconMetrics): void {
  const processBlock = chain.processBlock.bind(chain);
  // An own property shadows the prototype's method, so the chain's internal re-imports (blocks
  // whose data arrived later) are measured too.
  chain.processBlock = async (signedBlock, opts) => {
    const end = metrics.blockImportSeconds.startTimer({source: opts.source});
    try {
      const result = await processBlock(signedBlock, opts);
      end();
      metrics.blocksImportedTotal.inc({source: opts.source});
      return result;
    } catch (e) {
      const code = (e as {code?: unknown}).code;
      metrics.blocksRejectedTotal.inc({code: typeof code === "string" ? code : "UNKNOWN"});
      throw e;
    }
  };
  chain.emitter.on(ChainEvent.clockSlot, () => metrics.attestationsInPool.set(chain.attestationPool.size));
}
