// /sales/report: the flexible sales report — measures by up to three dimensions over a period,
// filtered, against last year or as a moving annual total, top N — as a chart and a table, with
// CSV/XLSX export and saved views. Every choice lives in the URL, so a link shows the same report.
import { Alert, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { SalesMeasure } from "../../../domain/access.js";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { currentMonth } from "../quotes/months.js";
import { Chart } from "./Chart.js";
import { reportChart } from "./report-chart.js";
import { normalize, readReportState, type ReportState, stateOfRequest, toRequest, writeReportState } from "./report-state.js";
import { ReportControls } from "./ReportControls.js";
import { ReportTable } from "./ReportTable.js";
import { exportSalesReport, type SalesReport, useSalesReport } from "./sales.api.js";
import { formatMeasure } from "./sales-format.js";
import { Kpi } from "./SalesBits.js";
import { SalesNav } from "./SalesNav.js";
import { SavedViews } from "./SavedViews.js";

export function SalesReportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const month = currentMonth();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readReportState(params, user, month), [params, user, month]);
  const request = useMemo(() => toRequest(state), [state]);
  const report = useSalesReport(request);
  const change = useCallback(
    (next: Partial<ReportState>) => {
      const merged = normalize({ ...state, ...next });
      // Another set of columns is another order: a sort on a column that went away is dropped by normalize.
      const search = writeReportState(merged);
      const chartMeasure = params.get("cm");
      if (chartMeasure && merged.measures.includes(chartMeasure as SalesMeasure)) search.set("cm", chartMeasure);
      setParams(search, { replace: true });
    },
    [state, params, setParams],
  );
  const problems = mapFieldErrors(t, report.error, ["from", "to", "mat", "sort"]).byField;
  const periodReversed = state.to < state.from;
  const chartMeasure = (state.measures.includes(params.get("cm") as SalesMeasure) ? params.get("cm") : state.measures[0]) as SalesMeasure;
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState<"csv" | "xlsx" | null>(null);
  const download = async (format: "csv" | "xlsx") => {
    if (!request) return;
    setExporting(format);
    setExportError(null);
    try {
      await exportSalesReport(request, format);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };

  return (
    <Stack>
      <SalesNav />
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1}>{t("sales.report.title")}</Title>
        <SavedViews request={request} onOpen={(view) => setParams(writeReportState(stateOfRequest(view.request)), { replace: false })} />
      </Group>
      <Card withBorder>
        <ReportControls viewer={user} state={state} month={month} onChange={change} problems={{ ...problems, ...(periodReversed ? { to: t("sales.periodReversed") } : {}) }} />
      </Card>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={!request} loading={exporting === "csv"} onClick={() => void download("csv")}>
          {t("sales.report.exportCsv")}
        </Button>
        <Button variant="default" size="xs" disabled={!request} loading={exporting === "xlsx"} onClick={() => void download("xlsx")}>
          {t("sales.report.exportXlsx")}
        </Button>
      </Group>
      {exportError !== null && <ErrorAlert error={exportError} />}
      {report.isError && Object.keys(problems).length === 0 && <ErrorAlert error={report.error} reveal={false} />}
      {request === null ? null : report.isPending ? (
        <PageLoader />
      ) : report.data ? (
        <ReportResult
          report={report.data}
          state={state}
          chartMeasure={chartMeasure}
          onChartMeasure={(m) => setParams((p) => new URLSearchParams({ ...Object.fromEntries(p), cm: m }), { replace: true })}
          onSort={(sort) => change({ sort })}
          stale={report.isPlaceholderData}
        />
      ) : null}
    </Stack>
  );
}

interface ResultProps {
  report: SalesReport;
  state: ReportState;
  chartMeasure: SalesMeasure;
  onChartMeasure: (m: SalesMeasure) => void;
  onSort: (sort: ReportState["sort"]) => void;
  stale: boolean;
}

function ReportResult({ report, state, chartMeasure, onChartMeasure, onSort, stale }: ResultProps) {
  const { t } = useTranslation();
  const measure = report.measures.includes(chartMeasure) ? chartMeasure : (report.measures[0] as SalesMeasure);
  const chart = useMemo(() => reportChart(t, report, measure), [t, report, measure]);
  return (
    <Stack gap="sm" style={{ opacity: stale ? 0.6 : 1 }} aria-busy={stale}>
      <SimpleGrid cols={{ base: 2, sm: 3, md: Math.min(6, report.measures.length) }} spacing="sm" component="dl" m={0}>
        {report.measures.map((m) => (
          <Kpi
            key={m}
            label={report.mat ? t("sales.matOf", { measure: t(`sales.measures.${m}`) }) : t("sales.totalOf", { measure: t(`sales.measures.${m}`) })}
            value={report.mat ? "—" : formatMeasure(m, report.totals[m])}
            hint={report.compare ? t("sales.lastYearValue", { value: formatMeasure(m, report.totals.previous?.[m]) }) : undefined}
            testId={`total-${m}`}
          />
        ))}
      </SimpleGrid>
      {chart && (
        <Card withBorder p="xs">
          {report.measures.length > 1 && (
            <Group mb="xs">
              <SegmentedControl
                size="xs"
                aria-label={t("sales.report.chartMeasure")}
                value={measure}
                onChange={(m) => onChartMeasure(m as SalesMeasure)}
                data={report.measures.map((m) => ({ value: m, label: t(`sales.measures.${m}`) }))}
                style={{ maxWidth: "100%", overflowX: "auto" }}
              />
            </Group>
          )}
          <Chart
            categories={chart.categories}
            series={chart.series}
            kind={chart.kind}
            horizontal={chart.horizontal}
            height={chart.horizontal ? Math.max(240, chart.categories.length * 24 + 60) : 320}
            label={t("sales.report.chartLabel", { measure: t(`sales.measures.${measure}`) })}
          />
          {chart.cut > 0 && (
            <Text size="xs" c="dimmed">
              {t("sales.report.chartCut", { shown: chart.categories.length, total: chart.categories.length + chart.cut })}
            </Text>
          )}
        </Card>
      )}
      {report.rows.length === 0 ? (
        <Text c="dimmed">{t("sales.noFigures")}</Text>
      ) : (
        <ReportTable report={report} sort={state.sort} onSort={onSort} />
      )}
      {report.truncated && (
        <Alert color="blue" variant="light">
          {t("sales.report.truncated", { count: formatCount(report.rows.length) })}
        </Alert>
      )}
    </Stack>
  );
}
