import { Button, Group, Menu, Modal, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCurrentUser, useLogout } from "../features/auth/session.js";

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  // Changes made offline that were not sent yet: logging out clears the device, so ask first.
  const [waiting, setWaiting] = useState(0);
  const logOut = () => void logout.mutateAsync().catch(() => undefined).then(() => navigate("/login", { replace: true }));
  const askFirst = async () => {
    const count = await import("../features/offline/offline-api.js").then((m) => m.pendingCount()).catch(() => 0);
    if (count > 0) setWaiting(count);
    else logOut();
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          {/* A long name is cut short with … on a phone; the menu shows it whole. */}
          <Button variant="subtle" aria-label={`${t("user.menu")}: ${user.name}`} maw={{ base: 150, sm: 320 }} miw={0} px="xs" style={{ flexShrink: 1 }}>
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
          <Menu.Item onClick={() => void askFirst()}>{t("user.logout")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={waiting > 0} onClose={() => setWaiting(0)} title={t("user.logoutWaitingTitle")}>
        <Text size="sm">{t("user.logoutWaiting", { count: waiting })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setWaiting(0)}>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={logOut}>
            {t("user.logoutAnyway")}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
