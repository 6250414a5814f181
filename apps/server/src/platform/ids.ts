import { v7 } from "uuid";

/** Ids are UUIDv7 made in the app: sortable by creation time on both engines. */
export function uuidv7(): string {
  return v7();
}
