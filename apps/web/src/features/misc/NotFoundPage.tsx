import { Button } from "@mantine/core";
import { Link } from "react-router";
import { homeOf, useUser } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { Page } from "../../components/Page";

export function NotFoundPage() {
  const user = useUser();
  return (
    <Page title="Page not found">
      <Empty
        title="There is no page at this address"
        actions={
          <Button component={Link} to={homeOf(user)}>
            Go to your start page
          </Button>
        }
      >
        The link may be old, or the record was archived.
      </Empty>
    </Page>
  );
}
