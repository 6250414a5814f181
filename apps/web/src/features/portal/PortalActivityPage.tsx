import { Page } from "../../components/Page";
import { AuditLog } from "../audit/AuditPage";

export function PortalActivityPage() {
  return (
    <Page title="Activity" description="Changes to your organisation and its staff, newest first.">
      <AuditLog showPartnerFilter={false} />
    </Page>
  );
}
