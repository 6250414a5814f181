import { useRef } from "react";

export interface KeyKeeper {
  /** The key for this action: the previous one while the action is the same and has not succeeded. */
  keyFor(path: string, body: unknown): string;
  /** The action succeeded: the next one is a new action even if it looks the same. */
  settled(): void;
}

/**
 * One Idempotency-Key per user action (docs/incentives.md, Idempotency). The same action sent
 * again (a double click, "Try again" after a network error) carries the same key, so the server
 * files it once and replays its first answer; a different action (another body or target) gets a
 * fresh key, and so does the next action once one has succeeded.
 */
export function keyKeeper(newKey: () => string = () => crypto.randomUUID()): KeyKeeper {
  let current: { fingerprint: string; key: string } | null = null;
  return {
    keyFor(path, body) {
      const fingerprint = `${path}\n${JSON.stringify(body ?? null)}`;
      if (current?.fingerprint === fingerprint) return current.key;
      current = { fingerprint, key: newKey() };
      return current.key;
    },
    settled() {
      current = null;
    },
  };
}

/** A key keeper that lives as long as the component (one per form or button). */
export function useIdempotencyKeys(): KeyKeeper {
  const keeper = useRef<KeyKeeper | null>(null);
  keeper.current ??= keyKeeper();
  return keeper.current;
}

export function idempotencyHeader(key: string): Record<string, string> {
  return { "idempotency-key": key };
}
