/** Message limits, configurable by environment. */
export const limits = {
  subject: 998, // RFC 5322 line limit
  body: Number(process.env.MAX_BODY_CHARS ?? 1_000_000),
  recipients: Number(process.env.MAX_RECIPIENTS ?? 100),
};
