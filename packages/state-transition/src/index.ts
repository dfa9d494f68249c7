export {computeShuffledIndex, shuffleList} from "./util/shuffle.js";
