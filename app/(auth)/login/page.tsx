import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { PscButton } from "@/components/auth/psc-button";
import { Alert } from "@/components/ui/alert";
import { passwordLoginEnabled, pscSettings } from "@/lib/auth/psc-settings";
import { getSession } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const check = await getSession();
  if (check && "principal" in check) redirect("/");
  const params = await searchParams;
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{fr.app.name}</p>
      <h1 className="mt-2 text-2xl font-semibold">{fr.login.title}</h1>
      <p className="mt-2 mb-6 text-sm text-slate-700">{fr.login.intro}</p>
      <div className="mb-4 space-y-2">
        {params.expired && <Alert kind="notice">{fr.login.expired}</Alert>}
        {params.loggedOut && <Alert kind="notice">{fr.login.loggedOut}</Alert>}
      </div>
      {pscSettings() && <PscButton />}
      {pscSettings() && passwordLoginEnabled() && <p className="my-4 text-center text-sm text-slate-700">{fr.login.or}</p>}
      {passwordLoginEnabled() && <LoginForm />}
    </main>
  );
}
