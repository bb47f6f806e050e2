// The list behind the header's button: what the device keeps, what waits to be sent, and each
// change the server refused or that met a newer version, with the rep's choices.
import { Alert, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatInstant } from "../../i18n/format.js";
import { ConflictView } from "./ConflictView.js";
import type { FieldAppState } from "./field-app.js";
import { offlineDb, type OutboxItem } from "./offline-db.js";
import { dropChange, keepMine, retryChange, takeTheirs } from "./outbox-sync.js";

export function OutboxList({ state }: { state: FieldAppState }) {
  const { t } = useTranslation();
  const { meta, items } = state;
  const act = async (action: (seq: number) => Promise<void>, item: OutboxItem) => {
    await action(item.seq as number);
    await state.reload();
    await state.sync();
  };
  return (
    <Stack>
      <Text size="sm">{state.online ? t("offline.statusOnline") : t("offline.statusOffline")}</Text>
      {meta ? (
        <Text size="sm" c="dimmed" data-testid="offline-meta">
          {t("offline.kept", { count: meta.appointments, from: formatDate(meta.days[0]), to: formatDate(meta.days[meta.days.length - 1]), at: formatInstant(meta.savedAt) })}
          {meta.truncated ? ` ${t("offline.truncated")}` : ""}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t("offline.nothingKept")}
        </Text>
      )}
      {items.length === 0 ? (
        <Text size="sm">{t("offline.nothingWaiting")}</Text>
      ) : (
        <>
          <Group justify="space-between">
            <Text fw={600}>{t("offline.waiting", { count: items.length })}</Text>
            <Button size="xs" onClick={() => void state.sync()} loading={state.syncing} disabled={!state.online}>
              {t("offline.sendNow")}
            </Button>
          </Group>
          <Stack gap="xs" data-testid="outbox-list">
            {items.map((item) => (
              <Card key={item.seq} withBorder padding="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                    {t(`offline.kind.${item.kind}`)} · {item.label}
                  </Text>
                  <Badge color={item.state === "waiting" ? "orange" : "red"} variant="light">
                    {t(`offline.state.${item.state}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t("offline.madeAt", { at: formatInstant(item.madeAt) })}
                </Text>
                {item.state === "conflict" && item.server && (
                  <ConflictView item={item} onKeepMine={() => void act((s) => keepMine(offlineDb(), s), item)} onTakeTheirs={() => void act((s) => takeTheirs(offlineDb(), s), item)} onDrop={() => void act((s) => dropChange(offlineDb(), s), item)} />
                )}
                {item.state === "failed" && (
                  <Alert color="red" mt="xs" title={t("offline.failedTitle")}>
                    <Text size="sm">{item.error}</Text>
                    <Group mt="xs" gap="xs">
                      <Button size="xs" variant="light" onClick={() => void act((s) => retryChange(offlineDb(), s), item)}>
                        {t("offline.retry")}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => void act((s) => dropChange(offlineDb(), s), item)}>
                        {t("offline.drop")}
                      </Button>
                    </Group>
                  </Alert>
                )}
              </Card>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
