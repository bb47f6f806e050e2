import { Button, Menu, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCurrentUser, useLogout } from "../features/auth/session.js";

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {/* A long name is cut short with … on a phone; the menu shows it whole. */}
        <Button variant="subtle" aria-label={`${t("user.menu")}: ${user.name}`} maw={{ base: 150, sm: 320 }} px="xs">
          <Text span inherit truncate="end" display="block" miw={0}>
            {user.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("user.loggedInAs")}</Menu.Label>
        <Text px="sm" size="sm" fw={600}>
          {user.name}
        </Text>
        <Text px="sm" pb="xs" size="xs" c="dimmed">
          {t(`roles.${user.role}`, { defaultValue: user.role })} · {user.email}
        </Text>
        <Menu.Divider />
        <Menu.Item onClick={() => navigate("/account")}>{t("account.menu")}</Menu.Item>
        <Menu.Item onClick={() => void logout.mutateAsync().catch(() => undefined).then(() => navigate("/login", { replace: true }))}>
          {t("user.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
