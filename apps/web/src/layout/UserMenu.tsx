import { Menu, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import { UserName } from "./UserName";

/** The user's name in the header opens a menu: account, notifications and their settings. Loaded after the shell (Menu needs the floating-ui code). */
export function UserMenu({ name, who }: { name: string; who: string }) {
  return (
    <Menu position="bottom-end" withArrow shadow="md">
      <Menu.Target>
        <UnstyledButton ta="right" aria-label={`${name}, ${who}: your menu`}>
          <UserName name={name} who={who} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/account">
          Account
        </Menu.Item>
        <Menu.Item component={Link} to="/notifications">
          Notifications
        </Menu.Item>
        <Menu.Item component={Link} to="/account/notifications">
          Notification settings
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
