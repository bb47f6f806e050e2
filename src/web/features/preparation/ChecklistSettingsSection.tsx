// The company's checklist of things to bring to a visit (steps 7–8 of the preparation), one item a
// line; new sheets start from it. Also the preparation time and a rep's hourly cost, which the sheet
// sets against half a percent of discount ("it pays to prepare"). Administrators only (the server
// checks users.manage).
import { Button, Group, NumberInput, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, apiRequest } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { centsToEuros, eurosToCents } from "../../components/money.js";

type Settings = { checklist: string[]; preparationMinutes: number; hourlyCostCents: number };
const KEY = ["preparation-settings"] as const;

export function ChecklistSettingsSection() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<Settings>("/api/preparation-settings", signal) });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-checklist">
      <Stack>
        <Title order={2} size="h3" id="settings-checklist">
          {t("preparation.settings.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("preparation.settings.hint")}
        </Text>
        {settings.isPending ? <PageLoader /> : settings.isError ? <ErrorAlert error={settings.error} /> : <ChecklistForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function ChecklistForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(settings.checklist.join("\n"));
  const [minutes, setMinutes] = useState<number | string>(settings.preparationMinutes);
  const [hourly, setHourly] = useState<number | string>(centsToEuros(settings.hourlyCostCents));
  const hourlyCents = eurosToCents(hourly);
  const minutesOk = typeof minutes === "number" && Number.isInteger(minutes) && minutes >= 0 && minutes <= 600;
  const save = useMutation({
    mutationFn: (body: Settings) => apiRequest<Settings>("/api/preparation-settings", { method: "PUT", body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      notifications.show({ message: t("common.saved"), color: "green" });
    },
  });
  const items = [...new Set(text.split("\n").map((s) => s.trim()).filter((s) => s !== ""))];
  return (
    <Stack>
      <Textarea label={t("preparation.settings.items")} autosize minRows={3} maxRows={12} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Text size="sm" c="dimmed">
        {t("preparation.settings.paybackHint")}
      </Text>
      <Group grow wrap="wrap" align="flex-start">
        <NumberInput
          label={t("preparation.settings.minutes")}
          min={0}
          max={600}
          allowDecimal={false}
          suffix=" min"
          value={minutes}
          onChange={setMinutes}
          error={minutesOk ? undefined : t("preparation.settings.minutesInvalid")}
          miw={200}
        />
        <NumberInput
          label={t("preparation.settings.hourlyCost")}
          min={0}
          decimalScale={2}
          decimalSeparator=","
          thousandSeparator="."
          prefix="€ "
          value={hourly}
          onChange={setHourly}
          error={typeof hourlyCents === "number" ? undefined : t("preparation.settings.hourlyCostInvalid")}
          miw={200}
        />
      </Group>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Group justify="flex-end">
        <Button
          loading={save.isPending}
          disabled={items.length > 30 || items.some((s) => s.length > 100) || !minutesOk || typeof hourlyCents !== "number"}
          onClick={() => save.mutate({ checklist: items, preparationMinutes: Number(minutes), hourlyCostCents: hourlyCents ?? 0 })}
        >
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
