import { roleHas } from "@trellis/shared";
import { useState } from "react";
import { isProblem } from "../../api/client";
import { useUser } from "../../auth/session";
import { OverrideModal } from "../../components/OverrideModal";

/**
 * When a save answers 422 capacity_reached, asks a vendor admin for a written reason and retries
 * with it; other roles are told why it stopped.
 */
export function useCapacityGate() {
  const user = useUser();
  const [pending, setPending] = useState<{ detail: string; retry: (reason: string) => void } | null>(null);
  const [busy, setBusy] = useState(false);

  /** Returns true when the error was the capacity rule (and the modal is now open). */
  const intercept = (error: unknown, retry: (reason: string) => Promise<unknown>): boolean => {
    if (!isProblem(error, "capacity_reached")) return false;
    setPending({
      detail: error.problem.detail ?? "The vendor already has as many active partners as it can support well.",
      retry: (reason) => {
        setBusy(true);
        retry(reason)
          .then(() => setPending(null))
          .catch((next: unknown) => {
            if (!isProblem(next, "capacity_reached")) setPending(null);
          })
          .finally(() => setBusy(false));
      },
    });
    return true;
  };

  const modal = (
    <OverrideModal
      detail={pending?.detail ?? null}
      canOverride={roleHas(user.role, "settings:write")}
      pending={busy}
      onConfirm={(reason) => pending?.retry(reason)}
      onClose={() => setPending(null)}
    />
  );
  return { intercept, modal };
}
