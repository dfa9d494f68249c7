// Which data columns this node keeps and which it must see before importing a block (fulu
// das-core.md "Custody" and "Custody sampling"). The group arithmetic is @hearth/network's
// (get_custody_groups, compute_columns_for_custody_group); this maps the node's settings onto it.
import {NUMBER_OF_CUSTODY_GROUPS} from "@hearth/params";
import {computeColumnsForCustodyGroup, getCustodyGroups} from "@hearth/network";
import type {ChainConfig} from "@hearth/config";

export interface CustodySettings {
  /** The node id (uint256) the groups are drawn from. */
  nodeId: bigint;
  /** `--supernode`: custody every group. */
  supernode?: boolean;
  /** The advertised custody group count (cgc); CUSTODY_REQUIREMENT when absent. */
  custodyGroupCount?: number;
}

export interface CustodyColumns {
  /** The advertised custody group count: the cgc of the ENR and metadata. */
  custodyGroupCount: number;
  /** Columns kept and served (get_custody_groups(node_id, cgc)), ascending. */
  custodyColumns: number[];
  /**
   * Columns that must be present and verified before a block is imported:
   * get_custody_groups(node_id, max(SAMPLES_PER_SLOT, cgc)), ascending. A superset of custodyColumns.
   */
  samplingColumns: number[];
}

function columnsOfGroups(groups: number[]): number[] {
  return groups.flatMap(computeColumnsForCustodyGroup).sort((a, b) => a - b);
}

export function getCustodyColumns(config: ChainConfig, settings: CustodySettings): CustodyColumns {
  const custodyGroupCount = settings.supernode ? NUMBER_OF_CUSTODY_GROUPS : Math.min(NUMBER_OF_CUSTODY_GROUPS, settings.custodyGroupCount ?? config.CUSTODY_REQUIREMENT);
  const samplingSize = Math.min(NUMBER_OF_CUSTODY_GROUPS, Math.max(config.SAMPLES_PER_SLOT, custodyGroupCount));
  return {
    custodyGroupCount,
    custodyColumns: columnsOfGroups(getCustodyGroups(settings.nodeId, custodyGroupCount)),
    samplingColumns: columnsOfGroups(getCustodyGroups(settings.nodeId, samplingSize)),
  };
}
