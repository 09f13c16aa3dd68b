import { cache } from "react";
import { listAccess } from "@/lib/authz/access";
import { customFolders, findPlace } from "./folders";
import { boxMembers } from "./mailboxes";

/**
 * Reads a layout and the pages inside it both need, memoised for one render (React `cache`, keyed by the same
 * database, access and arguments): the folder layout, its list and the sidebar's counts no longer each read
 * them. Only for server components: an action reads afresh after its change.
 */
export const placeFor = cache(findPlace);
export const foldersFor = cache(customFolders);
/** The members of a shared box: its list (to assign) and an open thread beside it (to show and assign) both name them. */
export const membersOf = cache(boxMembers);
/** Every box the person holds a right on: the switcher, the compose page (its boxes, their templates) and a search of all of them read it once. */
export const accessesOf = cache(listAccess);
