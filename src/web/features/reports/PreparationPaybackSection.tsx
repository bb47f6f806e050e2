// "Voorbereiding loont" per rep (DOMAIN.md, discount): half a percent less discount over the rep's
// year of revenue against preparing the visits the visit norms ask of their relations, at the
// company's preparation time and hourly cost (Instellingen). A rep sees their own line.
import { Card, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { formatCents, formatCount } from "../../i18n/format.js";
import { amsterdamToday } from "./dates.js";
import { type PreparationPaybackReport, usePreparationPaybackReport } from "./reports.api.js";

type Row = PreparationPaybackReport["reps"][number];

/** gain ÷ cost, rounded down to one decimal under 10 and to whole times from 10. */
const ratio = (gainCents: number, costCents: number) => (gainCents >= costCents * 10 ? Math.floor(gainCents / costCents) : Math.floor((gainCents * 10) / costCents) / 10);

export function PreparationPaybackSection() {
  const { t } = useTranslation();
  const lastYear = Number(amsterdamToday().slice(0, 4)) - 1;
  const [year, setYear] = useState(lastYear);
  const report = usePreparationPaybackReport(year);
  const columns: Column<Row>[] = [
    { key: "rep", label: t("reports.rep"), render: (r) => r.user.name },
    { key: "revenue", label: t("reports.pb.revenue", { year }), numeric: true, render: (r) => formatCents(r.yearRevenueCents) },
    { key: "gain", label: t("reports.pb.gain"), numeric: true, render: (r) => formatCents(r.gainCents) },
    { key: "visits", label: t("reports.pb.visits"), numeric: true, render: (r) => formatCount(r.visitsPerYear) },
    { key: "hours", label: t("reports.pb.hours"), numeric: true, render: (r) => formatCount(Math.round(r.preparationMinutes / 6) / 10) },
    { key: "cost", label: t("reports.pb.cost"), numeric: true, render: (r) => formatCents(r.preparationCostCents) },
    // One decimal below ten ("0,4×" says more than a rounded-down 0), whole times above.
    { key: "times", label: t("reports.pb.times"), numeric: true, render: (r) => (r.preparationCostCents === 0 ? "–" : `${formatCount(ratio(r.gainCents, r.preparationCostCents))}×`) },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="report-pb-title" data-testid="preparation-payback">
      <Stack>
        <Title order={2} size="h4" id="report-pb-title">
          {t("reports.pb.title")}
        </Title>
        <Select
          label={t("reports.pb.year")}
          data={[0, 1, 2, 3].map((back) => String(lastYear + 1 - back))}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={140}
        />
        {report.isPending ? (
          <PageLoader />
        ) : report.isError ? (
          <ErrorAlert error={report.error} reveal={false} />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("reports.pb.summary", { minutes: report.data.preparationMinutesPerVisit, cost: formatCents(report.data.hourlyCostCents), key: report.data.norms.key, a: report.data.norms.A, b: report.data.norms.B, c: report.data.norms.C })}
            </Text>
            {report.data.reps.length === 0 ? (
              <Text size="sm">{t("reports.pb.none", { year })}</Text>
            ) : (
              <ResponsiveTable rows={report.data.reps} columns={columns} rowKey={(r) => String(r.user.id)} label={t("reports.pb.title")} minWidth={760} />
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
