// /eth/v1/events: a server-sent event stream, not a request/response route.
import {enumParam, listParam} from "../codecs/params.js";
import {EVENT_TOPICS, type BeaconEvent, type EventTopic} from "../types/events.js";
import {queryArg} from "./route.js";

export const eventstreamRoute = {
  operationId: "eventstream",
  method: "GET",
  path: "/eth/v1/events",
  args: {topics: queryArg("topics", listParam(enumParam(EVENT_TOPICS)))},
} as const;

export interface EventstreamArgs {
  topics: EventTopic[];
  /** Aborted when the subscriber goes away; the iterable must then end. */
  signal: AbortSignal;
}

export interface EventstreamImpl {
  /** The events of `topics`, in order, until `signal` aborts. */
  eventstream(args: EventstreamArgs): AsyncIterable<BeaconEvent>;
}
