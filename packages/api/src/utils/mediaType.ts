export const JSON_MEDIA_TYPE = "application/json";
export const SSZ_MEDIA_TYPE = "application/octet-stream";
/** What a client sends to prefer SSZ but take JSON (the spec's example). */
export const ACCEPT_SSZ_OR_JSON = `${SSZ_MEDIA_TYPE};q=1.0,${JSON_MEDIA_TYPE};q=0.9`;

export type ResponseFormat = "json" | "ssz";

/** The bare media type of a Content-Type header, lowercased, without parameters. */
export function mediaType(header: string | null | undefined): string | undefined {
  if (header === undefined || header === null) return undefined;
  const type = header.split(";")[0].trim().toLowerCase();
  return type === "" ? undefined : type;
}

/**
 * The response format an Accept header asks for, among JSON and (when `sszAllowed`) SSZ; null
 * when it accepts neither. No Accept header means JSON; wildcards and ties prefer JSON.
 */
export function negotiateFormat(accept: string | undefined, sszAllowed: boolean): ResponseFormat | null {
  if (accept === undefined || accept.trim() === "") return "json";
  let best: {format: ResponseFormat; q: number} | null = null;
  for (const part of accept.split(",")) {
    const [rawType, ...params] = part.split(";");
    const type = rawType.trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split("=").map((s) => s.trim());
      if (k === "q") q = Number(v);
    }
    if (!(q > 0)) continue;
    const formats: ResponseFormat[] =
      type === JSON_MEDIA_TYPE ? ["json"] : type === SSZ_MEDIA_TYPE ? ["ssz"] : type === "*/*" || type === "application/*" ? ["json"] : [];
    for (const format of formats) {
      if (format === "ssz" && !sszAllowed) continue;
      if (best === null || q > best.q) best = {format, q};
    }
  }
  return best?.format ?? null;
}
