import { useUser } from "../../auth/session";
import { usePartner } from "../partners/partners.api";

/** The signed-in partner user's own organisation. */
export function usePortalPartner() {
  const user = useUser();
  return usePartner(user.partnerId);
}
