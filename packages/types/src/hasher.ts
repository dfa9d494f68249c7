// Every SSZ hash of the process goes through this hasher. The library's default is pure JS; the
// native hashtree hashes many chunks per call, which is what a million-validator state needs.
import {setHasher} from "@chainsafe/persistent-merkle-tree";
import {hasher as hashtreeHasher} from "@chainsafe/persistent-merkle-tree/hasher/hashtree";

setHasher(hashtreeHasher);
