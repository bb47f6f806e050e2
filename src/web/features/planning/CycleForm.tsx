// The request for a new cycle plan: first day, weeks, latest start, visit lengths and days off.
// Sends it and hands the started job to the page (whose URL then holds it, so a reload follows it).
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { DateField } from "../../components/DateField.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { currentLanguage } from "../../i18n/index.js";
import { type Job, startJob } from "../jobs/jobs.api.js";
import { addDays, mondayOf, todayInAmsterdam } from "../agenda/agenda-dates.js";
import type { CyclePlanBody, Rep } from "./planning.api.js";

interface Props {
  rep: Rep;
  onStarted: (job: Job) => void;
}

const WEEK_CHOICES = [2, 3, 4, 6, 8, 12];
/** Latest starts offered: 13:00 to 18:00 by the quarter ("plan the last one late"). */
const LAST_STARTS = Array.from({ length: 21 }, (_, i) => `${String(13 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`);

export function CycleForm({ rep, onStarted }: Props) {
  const { t } = useTranslation();
  const nextMonday = addDays(mondayOf(todayInAmsterdam()), 7);
  const [startDate, setStartDate] = useState(nextMonday);
  const [weeks, setWeeks] = useState(String(rep.cycleWeeks ?? 2));
  const [lastStart, setLastStart] = useState("16:00");
  const [firstVisit, setFirstVisit] = useState<number | string>(60);
  const [followUp, setFollowUp] = useState<number | string>(45);
  const [daysOff, setDaysOff] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) => {
    if (!isApiError(error)) return undefined;
    const f = error.fields.find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return f ? fieldMessage(t, f) : undefined;
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    const body: CyclePlanBody = {
      userId: rep.id,
      startDate,
      weeks: Number(weeks),
      lastStart,
      visitMinutes: { first_visit: Number(firstVisit), follow_up: Number(followUp) },
      daysOff,
    };
    try {
      onStarted(await startJob("/api/planning/cycle-plans", body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const shown = new Set(["startDate", "weeks", "lastStart", "visitMinutes", "daysOff"]);
  const other = isApiError(error) ? error.fields.filter((f) => !shown.has(f.field.split(".")[0] as string)) : [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="cycle-form-title">
      <Title order={2} size="h3" id="cycle-form-title">
        {t("planning.new.title")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label={t("planning.new.start")} value={startDate} onChange={setStartDate} required error={fieldError("startDate")} />
        <Select
          label={t("planning.new.weeks")}
          data={WEEK_CHOICES.map((w) => ({ value: String(w), label: t("planning.new.weeksOption", { count: w }) }))}
          value={weeks}
          onChange={(v) => setWeeks(v ?? "2")}
          allowDeselect={false}
          error={fieldError("weeks")}
        />
        <Select label={t("planning.new.lastStart")} data={LAST_STARTS} value={lastStart} onChange={(v) => setLastStart(v ?? "16:00")} allowDeselect={false} error={fieldError("lastStart")} />
        <NumberInput label={t("planning.new.firstVisit")} min={5} max={480} step={15} value={firstVisit} onChange={setFirstVisit} error={fieldError("visitMinutes")} />
        <NumberInput label={t("planning.new.followUp")} min={5} max={480} step={15} value={followUp} onChange={setFollowUp} />
        <DatePickerInput
          type="multiple"
          label={t("planning.new.daysOff")}
          description={t("planning.new.daysOffHint")}
          value={daysOff}
          onChange={(v) => setDaysOff(v.map(String))}
          minDate={startDate}
          maxDate={addDays(startDate, Number(weeks) * 7 - 1)}
          locale={currentLanguage() === "en" ? "en-gb" : "nl"}
          valueFormat={currentLanguage() === "en" ? "DD/MM/YYYY" : "DD-MM-YYYY"}
          firstDayOfWeek={1}
          clearable
          error={fieldError("daysOff")}
          popoverProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      {error !== null && <ErrorAlert error={error} fields={other} fieldLabel={(f) => (f === "userId" ? rep.name : f)} />}
      <Group>
        <Button onClick={() => void submit()} loading={busy}>
          {t("planning.new.submit")}
        </Button>
      </Group>
    </Stack>
  );
}
