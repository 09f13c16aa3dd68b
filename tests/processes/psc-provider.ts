/**
 * The test Pro Santé Connect (tests/psc-provider.ts) in a process of its own, for Playwright: it listens on
 * PSC_PORT and knows the webmail at APP_ORIGIN as its client.
 */
import { startPscProvider } from "../psc-provider";

const app = process.env.APP_ORIGIN!;
await startPscProvider({
  port: Number(process.env.PSC_PORT),
  redirectUri: `${app}/api/auth/callback/psc`,
  postLogoutRedirectUri: `${app}/login?loggedOut=1`,
});
console.log("psc-provider ready");
