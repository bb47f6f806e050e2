// Contact moments per rep per ISO week (table and bar chart) and per relation class, for a period.
import { Card, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount, formatDate } from "../../i18n/format.js";
import { amsterdamToday, isIsoDate, mondayWeeksBack } from "./dates.js";
import { type ContactMomentsReport, useContactMomentsReport } from "./reports.api.js";
import { DateField } from "../../components/DateField.js";

const ContactMomentsChart = lazy(() => import("./ContactMomentsChart.js"));
const CLASSES = ["key", "A", "B", "C", "none"] as const;

type RepRow = ContactMomentsReport["reps"][number];

function PerWeekTable({ report }: { report: ContactMomentsReport }) {
  const { t } = useTranslation();
  const columns: Column<RepRow>[] = [
    { key: "rep", label: t("reports.rep"), render: (r) => r.user.name },
    ...report.weeks.map((w, i) => ({
      key: w,
      label: t("reports.week", { week: w.replace(/^\d{4}-W/, "") }),
      numeric: true,
      render: (r: RepRow) => {
        const n = r.perWeek[i] ?? 0;
        return n === 0 ? (
          <Text span c="dimmed" size="sm">
            0
          </Text>
        ) : (
          formatCount(n)
        );
      },
    })),
    { key: "total", label: t("reports.total"), numeric: true, render: (r) => <Text span fw={600} size="sm">{formatCount(r.total)}</Text> },
  ];
  return <ResponsiveTable rows={report.reps} columns={columns} rowKey={(r) => r.user.id} label={t("reports.cm.perWeek")} minWidth={Math.max(480, 200 + report.weeks.length * 56)} />;
}

function PerClassTable({ report }: { report: ContactMomentsReport }) {
  const { t } = useTranslation();
  const classTotal = (c: (typeof CLASSES)[number]) => report.classes.find((x) => x.accountClass === c)?.total ?? 0;
  const columns: Column<RepRow>[] = [
    { key: "rep", label: t("reports.rep"), render: (r) => r.user.name },
    ...CLASSES.map((c) => ({ key: c, label: t(`accountClass.${c}`), numeric: true, render: (r: RepRow) => formatCount(r.perClass[c]) })),
    { key: "total", label: t("reports.total"), numeric: true, render: (r) => <Text span fw={600} size="sm">{formatCount(r.total)}</Text> },
  ];
  return (
    <ResponsiveTable
      rows={report.reps}
      columns={columns}
      rowKey={(r) => r.user.id}
      label={t("reports.cm.perClass")}
      minWidth={560}
      footer={[t("reports.total"), ...CLASSES.map((c) => formatCount(classTotal(c))), formatCount(report.total)]}
    />
  );
}

export function ContactMomentsSection() {
  const { t } = useTranslation();
  const today = amsterdamToday();
  const [from, setFrom] = useState(mondayWeeksBack(today, 11));
  const [to, setTo] = useState(today);
  const [view, setView] = useState<"week" | "class">("week");
  const valid = isIsoDate(from) && isIsoDate(to);
  const report = useContactMomentsReport(from, to, valid);
  const fieldError = (field: "from" | "to") => {
    const problem = isApiError(report.error) ? report.error.fields.find((f) => f.field === field) : undefined;
    return problem ? fieldMessage(t, problem) : undefined;
  };

  return (
    <Card withBorder component="section" aria-labelledby="report-cm-title">
      <Stack>
        <Title order={2} size="h4" id="report-cm-title">
          {t("reports.cm.title")}
        </Title>
        <Group align="end">
          <DateField label={t("reports.from")} value={from} onChange={setFrom} error={fieldError("from")} />
          <DateField label={t("reports.to")} value={to} onChange={setTo} error={fieldError("to")} />
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as "week" | "class")}
            data={[
              { value: "week", label: t("reports.cm.perWeek") },
              { value: "class", label: t("reports.cm.perClass") },
            ]}
          />
        </Group>
        {report.isPending ? (
          valid ? <PageLoader /> : null
        ) : report.isError && !fieldError("from") && !fieldError("to") ? (
          <ErrorAlert error={report.error} reveal={false} />
        ) : report.data ? (
          <>
            <Text size="sm" c="dimmed">
              {t("reports.cm.summary", { count: report.data.total, formatted: formatCount(report.data.total), from: formatDate(report.data.from), to: formatDate(report.data.to) })}
            </Text>
            {report.data.reps.length === 0 ? (
              <Text c="dimmed">{t("reports.cm.none")}</Text>
            ) : view === "week" ? (
              <>
                <Suspense fallback={<PageLoader />}>
                  <ContactMomentsChart report={report.data} label={t("reports.cm.chartLabel")} />
                </Suspense>
                <PerWeekTable report={report.data} />
              </>
            ) : (
              <PerClassTable report={report.data} />
            )}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
