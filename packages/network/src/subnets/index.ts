export * from "./computeSubnets.js";
export {LocalMetadata} from "./metadata.js";
export {SubnetsService} from "./subnetsService.js";
export type {AttnetDuty, SyncnetDuty, SubnetKind, SubnetsServiceOptions} from "./subnetsService.js";
