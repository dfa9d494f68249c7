// Block import as an operator sees it: how long each import takes by source, how many succeed, and
// why the others were refused. Measured around chain.processBlock, the one path every block takes
// (DESIGN.md "How data flows"), so gossip, sync, API and local blocks are all counted the same way,
// and around chain.processChainSegment, through which range sync imports a batch at once (its
// timing is then per segment).
import type {BeaconChain} from "../chain/chain.js";
import {ChainEvent} from "../chain/emitter.js";
import {ChainSegmentError} from "../chain/blocks/importSegment.js";
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
  // Range sync imports whole segments: their blocks count as imported, the block that stopped one as refused.
  const processChainSegment = chain.processChainSegment.bind(chain);
  chain.processChainSegment = async (blocks, opts) => {
    const source = opts?.source ?? "sync";
    const end = metrics.blockImportSeconds.startTimer({source});
    try {
      const result = await processChainSegment(blocks, opts);
      end();
      metrics.blocksImportedTotal.inc({source}, result.imported);
      return result;
    } catch (e) {
      if (e instanceof ChainSegmentError) {
        metrics.blocksImportedTotal.inc({source}, e.imported);
        const code = (e.cause as {code?: unknown} | undefined)?.code;
        metrics.blocksRejectedTotal.inc({code: typeof code === "string" ? code : "UNKNOWN"});
      }
      throw e;
    }
  };
  chain.emitter.on(ChainEvent.clockSlot, () => metrics.attestationsInPool.set(chain.attestationPool.size));
}
