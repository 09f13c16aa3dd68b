/**
 * Whether the browser moving to a message already shows the list of that message's folder, which it keeps.
 *
 * A folder's list is a parallel route (`@list`) whose `default.tsx` renders the folder's first page beside a
 * thread loaded directly. On a move from the list to one of its messages Next renders that default too and
 * sends it, and the browser's router, which keeps the list it shows (its page, scroll and selection), drops
 * it: a list query and a third of the answer for nothing (npm run bench, list → message). The router says
 * what it shows in the tree it sends with the request (`Next-Router-State-Tree`: nodes of
 * `[segment, slots, url, marker, …]`, Next's own format); only proxy.ts sees that header, so it tells the page
 * through ours. Anything else — a first load, a prefetch, a refresh, a form post, another folder or box, a
 * tree of an unknown shape — renders the list as before.
 */

/** Set by proxy.ts (and removed from what a browser sends) when the list need not be rendered. */
export const KEPT_LIST_HEADER = "x-mssante-kept-list";

/** A message's address: /m/<box>/<folder>/<thread>. */
const THREAD_PATH = /^\/m\/([^/]+)\/([^/]+)\/[^/]+$/;

type Node = [segment: unknown, slots: Record<string, unknown>, ...rest: unknown[]];

const isNode = (value: unknown): value is Node =>
  Array.isArray(value) && value.length >= 2 && typeof value[1] === "object" && value[1] !== null && !Array.isArray(value[1]);

/** A dynamic segment of the tree: [param, value, type, …]. */
const isParam = (segment: unknown, param: string, value: string) => Array.isArray(segment) && segment[0] === param && segment[1] === value;

/** The router asks for this node, or something under it, to be rendered again. */
const refetched = (node: Node): boolean => node[3] === "refetch" || Object.values(node[1]).some((slot) => isNode(slot) && refetched(slot));

export function keepsFolderList(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "GET" || headers.get("rsc") !== "1" || headers.has("next-router-prefetch")) return false;
  const place = THREAD_PATH.exec(pathname);
  const sent = headers.get("next-router-state-tree");
  if (!place || !sent) return false;
  let node: unknown;
  try {
    const [box, folder] = [decodeURIComponent(place[1]), decodeURIComponent(place[2])];
    node = JSON.parse(decodeURIComponent(sent));
    // Down the main branch (route groups and static segments) to the box, then its folder.
    for (let depth = 0; isNode(node) && !isParam(node[0], "mailbox", box); depth++) {
      if (depth > 8 || node[3] === "refetch") return false;
      node = node[1].children;
    }
    if (!isNode(node) || node[3] === "refetch") return false;
    const folderNode = node[1].children;
    if (!isNode(folderNode) || !isParam(folderNode[0], "folder", folder) || folderNode[3] === "refetch") return false;
    const list = folderNode[1].list;
    return isNode(list) && !refetched(list);
  } catch {
    return false;
  }
}
