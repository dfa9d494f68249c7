import type {phase0, altair, bellatrix, capella, deneb, electra} from "@hearth/types";

/** A block of any fork (fulu's block is electra's). */
export type BeaconBlockAllForks =
  | phase0.BeaconBlock
  | altair.BeaconBlock
  | bellatrix.BeaconBlock
  | capella.BeaconBlock
  | deneb.BeaconBlock
  | electra.BeaconBlock;
export type SignedBeaconBlockAllForks =
  | phase0.SignedBeaconBlock
  | altair.SignedBeaconBlock
  | bellatrix.SignedBeaconBlock
  | capella.SignedBeaconBlock
  | deneb.SignedBeaconBlock
  | electra.SignedBeaconBlock;
