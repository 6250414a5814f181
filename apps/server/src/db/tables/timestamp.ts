/** Timestamps are ISO-8601 UTC strings on both engines (dialect.ts converts PostgreSQL's; ADR 0002). */
export type Timestamp = string;
