import type { Principal } from "./principal";

/** Software holding an API token: it acts for one applicative box, and for nothing else. */
export type TokenActor = {
  type: "token";
  tokenId: string;
  label: string;
  mailboxId: string;
  structureId: string;
};

/** Who acts on a request: a person with a session, or software with a token. */
export type Actor = Principal | TokenActor;

/** The ids an audit row records for this actor: a person's id, or the token's (never its secret). */
export function auditActor(actor: Actor): { actorUserId: string | null; actorTokenId?: string } {
  return actor.type === "person" ? { actorUserId: actor.userId } : { actorUserId: null, actorTokenId: actor.tokenId };
}
