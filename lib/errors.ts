/**
 * Machine codes for every refusal: what the audit log records (never the
 * French message, which may quote what a person typed) and what decides the
 * HTTP status of a JSON answer.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  /** A request to the API without the Idempotency-Key its writes require. */
  idempotency_key_missing: 400,
  unauthenticated: 401,
  /** An API token that is unknown, expired or revoked. */
  invalid_token: 401,
  bad_origin: 403,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  /** A draft id already sent: a second send, a late autosave or a retry. */
  already_sent: 409,
  length_required: 411,
  too_large: 413,
  unsupported_type: 415,
  /** The same Idempotency-Key with another request. */
  idempotency_key_reused: 422,
  too_many: 422,
  invalid_input: 422,
  untrusted_recipient: 422,
  unreadable_file: 422,
  rate_limited: 429,
  unexpected: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Why a login was refused; kept apart from action codes because no HTTP answer carries them. */
export const LOGIN_REFUSALS = [
  "unknown_login",
  "bad_password",
  "account_disabled",
  "login_locked",
  "too_many_failures",
  // Pro Santé Connect (lib/auth/psc-identity.ts, lib/auth/psc-callback.ts)
  "unknown_rpps",
  "psc_no_rpps",
  "psc_id_token",
  "psc_acr",
  "psc_userinfo",
  "psc_state",
  "psc_nonce",
  "psc_expired",
  "psc_cancelled",
  "psc_invalid_response",
] as const;
export type LoginRefusal = (typeof LOGIN_REFUSALS)[number];

/** Why the SMTP border refused a command (the SMTP reply goes with it), or how a delivery to another operator ended. */
export const TRANSPORT_REASONS = [
  "tls_required",
  "client_certificate_required",
  "untrusted_sender",
  "unknown_recipient",
  /** A patient writing without an open conversation with the box (docs/domain.md §3). */
  "patient_not_allowed",
  "too_many_recipients",
  "remote_deferred",
  "remote_rejected",
  "retry_expired",
] as const;
export type TransportReason = (typeof TRANSPORT_REASONS)[number];

/** What an audit row's reason may hold: a code, never free text. */
export type AuditReason = ErrorCode | LoginRefusal | TransportReason;

export const statusOf = (code: ErrorCode | undefined): number => (code ? ERROR_STATUS[code] : 200);
