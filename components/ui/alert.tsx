/** A message for the person: errors are announced at once, notices politely. */
export function Alert({ kind, children }: { kind: "error" | "notice"; children: React.ReactNode }) {
  const style = kind === "error" ? "border-red-700 bg-red-50 text-red-900" : "border-green-700 bg-green-50 text-green-900";
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md border-l-4 p-3 text-sm ${style}`}>
      {children}
    </div>
  );
}
