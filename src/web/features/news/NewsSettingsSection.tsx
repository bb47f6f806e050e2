// The hosts news feeds may be read from, one a line (administrators; the server checks users.manage).
// Koers reads no feed elsewhere; an address inside the company's network only when it is listed as
// that address itself (docs/security.md, "News feeds").
import { Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type NewsSettings, newsKeys, saveNewsSettings, useNewsSettings } from "./news.api.js";

export function NewsSettingsSection() {
  const { t } = useTranslation();
  const settings = useNewsSettings();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-news">
      <Stack>
        <Title order={2} size="h3" id="settings-news">
          {t("news.settings.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("news.settings.hint")}
        </Text>
        {settings.isPending ? <PageLoader /> : settings.isError ? <ErrorAlert error={settings.error} /> : <HostsForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function HostsForm({ settings }: { settings: NewsSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(settings.allowedHosts.join("\n"));
  const save = useMutation({
    mutationFn: saveNewsSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(newsKeys.settings, saved);
      setText(saved.allowedHosts.join("\n"));
      notifications.show({ message: t("common.saved"), color: "green" });
    },
  });
  const hosts = text.split("\n").map((s) => s.trim()).filter((s) => s !== "");
  return (
    <Stack>
      <Textarea label={t("news.settings.hosts")} autosize minRows={3} maxRows={12} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      {save.error ? <ErrorAlert error={save.error} fieldLabel={(f) => hosts[Number(f.split("/")[1])] ?? f} /> : null}
      <Group justify="flex-end">
        <Button loading={save.isPending} disabled={hosts.length > 200} onClick={() => save.mutate(hosts)}>
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
