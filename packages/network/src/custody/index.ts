export {getCustodyGroups, computeColumnsForCustodyGroup} from "./custody.js";
