/** The authenticated person behind a request, as re-read from the database. */
export type Principal = {
  type: "person";
  userId: string;
  sessionId: string;
  name: string;
  role: "professional" | "secretary" | "manager" | "admin";
  structureId: string;
};
