// Reads a text/event-stream body into typed events (the SSE format: frames separated by a
// blank line, `event:` and `data:` fields, `:` comments).
import {eventCodecs, type BeaconEvent, type EventTopic} from "../types/events.js";

interface Frame {
  event: string;
  data: string;
}

function parseFrame(raw: string): Frame | null {
  let event = "message";
  const data: string[] = [];
  for (const line of raw.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return data.length === 0 ? null : {event, data: data.join("\n")};
}

/** The frames of an SSE body, as they arrive. */
export async function* readFrames(body: ReadableStream<Uint8Array>): AsyncGenerator<Frame> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, {stream: true}).replace(/\r\n?/g, "\n");
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame !== null) yield frame;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** The Beacon API events of an SSE body; topics this client does not know are skipped. */
export async function* readBeaconEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<BeaconEvent> {
  for await (const frame of readFrames(body)) {
    if (!Object.hasOwn(eventCodecs, frame.event)) continue;
    const type = frame.event as EventTopic;
    const message = eventCodecs[type].fromJson(JSON.parse(frame.data));
    yield {type, message} as BeaconEvent;
  }
}
