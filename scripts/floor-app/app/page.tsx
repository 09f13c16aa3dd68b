import { Counter } from "./counter";

/** The framework's floor: one server page, one client component. */
export default function Page() {
  return (
    <main>
      <Counter />
    </main>
  );
}
