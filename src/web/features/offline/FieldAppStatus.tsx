// In the header after login: "Offline" when the device has no signal, and "Wachtend (n)" for the
// changes in the outbox (red when one needs the rep's choice), opening the list. Loaded lazily by
// the shell, so Dexie never comes with the login page.
import { Badge, Button, Drawer, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../auth/session.js";
import { useFieldApp } from "./field-app.js";
import { OutboxList } from "./OutboxList.js";

export default function FieldAppStatus() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const state = useFieldApp({ ...user, totpSetupRequired: false });
  const [opened, drawer] = useDisclosure(false);
  const needsChoice = state.items.filter((i) => i.state !== "waiting").length;
  const showButton = state.items.length > 0 || !state.online || state.meta !== null;
  if (!showButton) return null;
  const label = state.items.length > 0 ? t("offline.waiting", { count: state.items.length }) : t("offline.onDevice");
  return (
    <>
      <Group gap={4} wrap="nowrap">
        {!state.online && (
          <Badge color="gray" variant="filled" data-testid="offline-badge" style={{ flexShrink: 0, minWidth: "max-content" }}>
            {t("offline.offline")}
          </Badge>
        )}
        <Button
          size="compact-sm"
          variant={state.items.length > 0 ? "light" : "subtle"}
          color={needsChoice > 0 ? "red" : state.items.length > 0 ? "orange" : "gray"}
          onClick={drawer.open}
          aria-label={label}
          data-testid="outbox-button"
          // Idle on a phone the header has no room: the button shows when something waits.
          visibleFrom={state.items.length > 0 ? undefined : "sm"}
        >
          <Text span inherit visibleFrom="sm">
            {label}
          </Text>
          <Text span inherit hiddenFrom="sm">
            {state.items.length > 0 ? `⇡ ${state.items.length}` : label}
          </Text>
        </Button>
      </Group>
      <Drawer opened={opened} onClose={drawer.close} position="right" title={t("offline.title")} size="lg">
        <OutboxList state={state} />
      </Drawer>
    </>
  );
}
