/** Stable problem codes: clients branch on these, never on messages. */
export const problemCodes = [
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "duplicate_email",
  "capacity_reached",
  "invalid_state",
  "import_failed",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "csrf_failed",
  "invalid_token",
  "business_rule",
  "internal_error",
  "ticket_closed",
  "reopen_window_passed",
  "status_not_allowed",
  "merge_not_allowed",
  "insufficient_points",
  "idempotency_key_required",
  "idempotency_key_reused",
  "serial_claimed",
  "out_of_stock",
] as const;

export type ProblemCode = (typeof problemCodes)[number];

export interface ProblemField {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  fields?: ProblemField[];
  rows?: { row: number; column: string; message: string }[];
}
