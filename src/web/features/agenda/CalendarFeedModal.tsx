// "Agenda-abonnement": the user's personal calendar feed. The address is shown once, when made; a new
// one replaces it (the old stops working), revoking stops it altogether.
import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatInstant } from "../../i18n/format.js";

interface FeedStatus {
  active: boolean;
  createdAt: string | null;
  lastReadAt: string | null;
}

const KEY = ["calendar-feed"] as const;

export function CalendarFeedModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const status = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<FeedStatus>("/api/calendar-feed", signal), enabled: opened });
  const make = useMutation({
    mutationFn: () => api.post<{ url: string }>("/api/calendar-feed", {}),
    onSuccess: (made) => {
      setUrl(made.url);
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.delete<void>("/api/calendar-feed"),
    onSuccess: () => {
      setUrl(null);
      void client.invalidateQueries({ queryKey: KEY });
    },
  });
  const close = () => {
    setUrl(null);
    onClose();
  };
  const feed = status.data;
  return (
    <Modal opened={opened} onClose={close} title={t("agenda.feed.title")} size="lg">
      <Stack>
        <Text size="sm">{t("agenda.feed.intro")}</Text>
        {status.isError && <ErrorAlert error={status.error} />}
        {make.isError && <ErrorAlert error={make.error} />}
        {revoke.isError && <ErrorAlert error={revoke.error} />}
        {url ? (
          <Alert color="green" title={t("agenda.feed.madeTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("agenda.feed.madeText")}</Text>
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <TextInput label={t("agenda.feed.address")} value={url} readOnly style={{ flex: 1, minWidth: 0 }} onFocus={(e) => e.currentTarget.select()} />
                <CopyButton value={url}>{({ copied, copy }) => <Button onClick={copy}>{copied ? t("agenda.feed.copied") : t("agenda.feed.copy")}</Button>}</CopyButton>
              </Group>
            </Stack>
          </Alert>
        ) : feed?.active ? (
          <Text size="sm" data-testid="feed-status">
            {t("agenda.feed.active", { since: formatInstant(feed.createdAt) })} {feed.lastReadAt ? t("agenda.feed.lastRead", { at: formatInstant(feed.lastReadAt) }) : t("agenda.feed.neverRead")}
          </Text>
        ) : (
          feed && <Text size="sm">{t("agenda.feed.none")}</Text>
        )}
        <Group justify="flex-end" gap="xs" wrap="wrap">
          {feed?.active && (
            <Button variant="default" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
              {t("agenda.feed.revoke")}
            </Button>
          )}
          <Button onClick={() => make.mutate()} loading={make.isPending}>
            {feed?.active ? t("agenda.feed.replace") : t("agenda.feed.make")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
