import { partnerRoles } from "@trellis/shared";
import { useCan, useUser } from "../../auth/session";
import { Page } from "../../components/Page";
import { PeopleTable } from "../staff/PeopleTable";
import { staffScope } from "../staff/staff.api";

export function PortalStaffPage() {
  const user = useUser();
  const canManage = useCan("staff:manage");
  return (
    <Page
      title="Staff"
      description={
        canManage ? "Invite your sales reps and technicians. Deactivate anyone who leaves." : "Everyone in your organisation who uses Trellis."
      }
    >
      {user.partnerId ? (
        <PeopleTable
          scope={staffScope(user.partnerId)}
          roles={partnerRoles}
          canManage={canManage}
          currentUserId={user.id}
          noun="staff member"
          emptyHint={canManage ? "Invite your sales reps and technicians." : "Your partner admin invites the team."}
        />
      ) : null}
    </Page>
  );
}
