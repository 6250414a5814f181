/**
 * A value read back from the database against one just computed: numbers compare as numbers
 * (PostgreSQL's bigint and numeric may come back as text), text and null as they are.
 */
export function sameStoredValue(stored: unknown, computed: unknown): boolean {
  if (stored === null || computed === null) return stored === computed;
  return typeof computed === "number" ? Number(stored) === computed : stored === computed;
}

/** Whether any of `columns` differs between a stored row and a computed one (a missing stored row differs). */
export function rowChanged<Row extends object>(stored: Row | undefined, computed: Row, columns: readonly (keyof Row)[]): boolean {
  if (!stored) return true;
  return columns.some((column) => !sameStoredValue(stored[column], computed[column]));
}
