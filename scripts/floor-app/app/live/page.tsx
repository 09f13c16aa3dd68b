import { Poll } from "./poll";

/** The floor with what the project's boxes poll with: react-query, one provider and one query. */
export default function Page() {
  return (
    <main>
      <Poll />
    </main>
  );
}
