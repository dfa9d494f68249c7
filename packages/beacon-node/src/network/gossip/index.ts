export {createGossipHandlers, type GossipHandlerOptions} from "./handlers.js";
