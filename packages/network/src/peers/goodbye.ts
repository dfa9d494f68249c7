/**
 * Goodbye reason codes (phase0 p2p-interface.md "Goodbye v1": 1-3 defined, 4-127 reserved, above 128
 * free for client-specific reasons; 129 and 250-252 are the values clients commonly use, so other
 * clients log them meaningfully).
 */
export enum GoodbyeReasonCode {
  CLIENT_SHUTDOWN = 1,
  IRRELEVANT_NETWORK = 2,
  ERROR = 3,
  TOO_MANY_PEERS = 129,
  SCORE_TOO_LOW = 250,
  BANNED = 251,
}

export function goodbyeReasonName(code: number): string {
  return GoodbyeReasonCode[code] ?? `UNKNOWN_${code}`;
}
