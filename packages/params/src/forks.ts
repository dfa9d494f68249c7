/** The forks Hearth runs, in the order the chain went through them. */
export const FORK_NAMES = ["phase0", "altair", "bellatrix", "capella", "deneb", "electra", "fulu"] as const;
export type ForkName = (typeof FORK_NAMES)[number];

/** A fork's position in FORK_NAMES, so that "at or after altair" is a number comparison. */
export const ForkSeq = {
  phase0: 0,
  altair: 1,
  bellatrix: 2,
  capella: 3,
  deneb: 4,
  electra: 5,
  fulu: 6,
} as const satisfies Record<ForkName, number>;

export function isForkName(name: string): name is ForkName {
  return (FORK_NAMES as readonly string[]).includes(name);
}

/** True when `fork` is `since` or a later fork. */
export function isForkAtLeast(fork: ForkName, since: ForkName): boolean {
  return ForkSeq[fork] >= ForkSeq[since];
}

/** The fork before `fork`, or null for phase0. */
export function forkBefore(fork: ForkName): ForkName | null {
  const seq = ForkSeq[fork];
  return seq === 0 ? null : FORK_NAMES[seq - 1];
}
