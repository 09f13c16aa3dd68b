import { cache } from "react";
import { customFolders, findPlace } from "./folders";

/**
 * Reads a layout and the pages inside it both need, memoised for one render (React `cache`, keyed by the same
 * database, access and arguments): the folder layout, its list and the sidebar's counts no longer each read
 * them. Only for server components: an action reads afresh after its change.
 */
export const placeFor = cache(findPlace);
export const foldersFor = cache(customFolders);
