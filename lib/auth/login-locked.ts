import { CredentialsSignin } from "next-auth";

/** A refusal because the login or the IP is locked for a while after too many failures (lib/auth/login-throttle.ts). */
export class LoginLocked extends CredentialsSignin {
  code = "locked";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}
