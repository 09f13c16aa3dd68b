import { Button } from "./button";

/** A form's save button, and beside it what the save did once it is done (a polite status). */
export function SaveButton({ label, done, pending }: { label: string; done: string | false; pending: boolean }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {label}
      </Button>
      <p role="status" className="text-sm text-green-800">
        {done && !pending ? done : ""}
      </p>
    </div>
  );
}
