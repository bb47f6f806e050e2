// Selling time against travel time per rep (DOMAIN.md, "Rayon management"): hours with customers
// and hours driving between visits from the agenda, per rep and per week, and what starting at
// 08:30 and driving the best order would gain in a year.
import { Alert, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { formatCount, formatDate } from "../../i18n/format.js";
import { amsterdamToday, isIsoDate, mondayWeeksBack } from "./dates.js";
import { type SellingTimeReport, useSellingTimeReport } from "./reports.api.js";

/** Minutes as hours with one decimal ("3,5"). */
const hours = (minutes: number) => formatCount(Math.round(minutes / 6) / 10);
const perDay = (minutes: number, days: number) => (days === 0 ? "–" : formatCount(Math.round(minutes / days)));
type Figures = SellingTimeReport["reps"][number]["total"];

/** One row of a table: a rep or a week, with its figures over `weeks` weeks. */
interface Row {
  key: string;
  label: string;
  f: Figures;
  weeks: number;
}

/** The columns of both tables (per rep, per week): a table on a wide screen, cards on a phone. */
function useColumns(first: string): Column<Row>[] {
  const { t } = useTranslation();
  return [
    { key: "label", label: first, render: (r) => r.label },
    { key: "days", label: t("reports.st.days"), numeric: true, render: (r) => formatCount(r.f.days) },
    { key: "visits", label: t("reports.st.visits"), numeric: true, render: (r) => formatCount(r.f.visits) },
    { key: "selling", label: t("reports.st.sellingPerWeek"), numeric: true, render: (r) => hours(r.f.sellingMinutes / Math.max(1, r.weeks)) },
    { key: "travel", label: t("reports.st.travelPerWeek"), numeric: true, render: (r) => hours(r.f.travelMinutes / Math.max(1, r.weeks)) },
    { key: "late", label: t("reports.st.lateStart"), numeric: true, render: (r) => perDay(r.f.lateStartMinutes, r.f.days) },
    { key: "route", label: t("reports.st.routeSaving"), numeric: true, render: (r) => perDay(r.f.routeSavingMinutes, r.f.days) },
  ];
}

export function SellingTimeSection() {
  const { t } = useTranslation();
  const today = amsterdamToday();
  const [from, setFrom] = useState(mondayWeeksBack(today, 4));
  const [to, setTo] = useState(today);
  const [repId, setRepId] = useState<string | null>(null);
  const valid = isIsoDate(from) && isIsoDate(to);
  const report = useSellingTimeReport(from, to, valid);
  const reps = report.data?.reps ?? [];
  const rep = reps.find((r) => String(r.user.id) === repId) ?? reps.find((r) => r.weeks.length > 0) ?? reps[0];
  const repColumns = useColumns(t("reports.rep"));
  const weekColumns = useColumns(t("reports.st.week"));

  return (
    <Card withBorder component="section" aria-labelledby="report-st-title">
      <Stack>
        <Title order={2} size="h4" id="report-st-title">
          {t("reports.st.title")}
        </Title>
        <Group align="end">
          <DateField label={t("reports.from")} value={from} onChange={setFrom} />
          <DateField label={t("reports.to")} value={to} onChange={setTo} />
        </Group>
        {report.isPending ? (
          valid ? <PageLoader /> : null
        ) : report.isError ? (
          <ErrorAlert error={report.error} reveal={false} />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("reports.st.summary", { from: formatDate(report.data.from), to: formatDate(report.data.to) })}
            </Text>
            <Alert variant="light" color="green" title={t("reports.st.gainTitle")} data-testid="selling-time-gain">
              {t("reports.st.gain", {
                reps: formatCount(report.data.gain.reps),
                days: report.data.gain.daysPerWeek,
                weeks: report.data.gain.weeksPerYear,
                late: formatCount(report.data.gain.lateStartMinutesPerDay),
                start: formatCount(report.data.gain.startEarlierHours),
                route: formatCount(report.data.gain.withRouteDisciplineHours),
              })}
            </Alert>
            <ResponsiveTable
              rows={reps.map((r) => ({ key: String(r.user.id), label: r.user.name, f: r.total, weeks: r.weeks.length }))}
              columns={repColumns}
              rowKey={(r) => r.key}
              label={t("reports.st.perRep")}
              minWidth={760}
            />
            {rep && (
              <>
                <Select
                  label={t("reports.st.weeksOf")}
                  data={reps.map((r) => ({ value: String(r.user.id), label: r.user.name }))}
                  value={String(rep.user.id)}
                  onChange={setRepId}
                  allowDeselect={false}
                  w={260}
                  maw="100%"
                />
                {rep.weeks.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("reports.st.noVisits")}
                  </Text>
                ) : (
                  <ResponsiveTable
                    rows={rep.weeks.map((w) => ({ key: w.week, label: t("reports.week", { week: Number(w.week.slice(6)) }), f: w, weeks: 1 }))}
                    columns={weekColumns}
                    rowKey={(r) => r.key}
                    label={t("reports.st.perWeek", { name: rep.user.name })}
                    minWidth={760}
                  />
                )}
                {!rep.homeKnown && (
                  <Text size="xs" c="dimmed">
                    {t("reports.st.noHome")}
                  </Text>
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
