// The sales manager's dashboard: every rayon and rep against target and last year — who lags and who
// leads — with the visit and quote statistics that exist (visit norms, hit ratio), and links into the
// report for the detail.
import { Anchor, Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { seesMargin } from "../../../domain/access.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { type HitRatio, useHitRatio } from "../forecast/forecast.api.js";
import { formatMonth, todayInAmsterdam } from "../quotes/months.js";
import { useVisitNormsReport, type VisitNormsReport } from "../reports/reports.api.js";
import { Chart } from "./Chart.js";
import { RayonTargetsTable } from "./FieldSalesDashboard.js";
import { reportLink, yearToDate } from "./report-state.js";
import { type SalesReportRow, useSalesReport, useTargetsReport } from "./sales.api.js";
import { changeBp, dimensionKey, dimensionText, formatEurosWhole, formatShare } from "./sales-format.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { ChangeBadge, Kpi, Reached, Section, Tag } from "./SalesBits.js";

export function ManagerDashboard({ month }: { month: string }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t("sales.manager.intro", { from: formatMonth(ytd.from), to: formatMonth(ytd.to) })}
      </Text>
      <TeamTotals month={month} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <RayonsAgainstTarget month={month} />
        <RepsAgainstLastYear month={month} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        <QuoteStatistics />
        <VisitStatistics />
      </SimpleGrid>
      <ReportLinks month={month} />
    </Stack>
  );
}

function TeamTotals({ month }: { month: string }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const margin = seesMargin(useCurrentUser());
  const totals = useSalesReport({ measures: margin ? ["revenue", "marginPct", "customers"] : ["revenue", "customers"], dimensions: [], ...ytd, compare: "previousYear" });
  const tot = totals.data?.totals;
  if (totals.isError) return <ErrorAlert error={totals.error} reveal={false} />;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
      <Kpi label={t("sales.manager.revenueYtd")} value={tot ? formatEurosWhole(tot.revenue) : "…"} testId="revenueYtd" />
      <Kpi label={t("sales.changeVsLastYear")} value={tot ? <ChangeBadge bp={changeBp(tot.revenue, tot.previous?.revenue)} /> : "…"} hint={tot ? t("sales.lastYearValue", { value: formatEurosWhole(tot.previous?.revenue) }) : undefined} />
      {margin && <Kpi label={t("sales.measures.marginPct")} value={tot ? formatShare((tot.marginPct ?? 0) / 10_000) : "…"} hint={tot ? t("sales.lastYearValue", { value: formatShare((tot.previous?.marginPct ?? 0) / 10_000) }) : undefined} />}
      <Kpi label={t("sales.customersYtd")} value={tot ? String(tot.customers ?? 0) : "…"} hint={tot ? t("sales.lastYearValue", { value: tot.previous?.customers ?? 0 }) : undefined} />
    </SimpleGrid>
  );
}

function RayonsAgainstTarget({ month }: { month: string }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const report = useTargetsReport(ytd.from, ytd.to, "rayon");
  const chart = useMemo(() => {
    const groups = report.data?.groups ?? [];
    return {
      categories: groups.map((g) => g.name),
      series: [
        { name: t("sales.actual"), type: "bar" as const, data: groups.map((g) => g.total.revenue) },
        { name: t("sales.target"), type: "bar" as const, data: groups.map((g) => g.total.target), color: "#adb5bd" },
      ],
    };
  }, [report.data, t]);
  return (
    <Section
      title={t("sales.manager.rayons")}
      id="sales-rayons"
      actions={
        <Button component={Link} to={reportLink({ measures: ["revenue"], dimensions: ["rayon", "month"], ...ytd, compare: true })} size="compact-sm" variant="subtle">
          {t("sales.openInReport")}
        </Button>
      }
    >
      {report.isError ? (
        <ErrorAlert error={report.error} reveal={false} />
      ) : report.isPending ? (
        <PageLoader />
      ) : (
        <>
          <Chart categories={chart.categories} series={chart.series} kind="cents" label={t("sales.manager.rayonsChart")} height={240} />
          <RayonTargetsTable report={report.data} leaders />
        </>
      )}
    </Section>
  );
}

/** Reps this year so far against the same months last year, and against their targets where set. */
function RepsAgainstLastYear({ month }: { month: string }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const report = useSalesReport({ measures: ["revenue"], dimensions: ["rep"], ...ytd, compare: "previousYear", sort: [{ key: "change.revenue", direction: "desc" }] });
  const targets = useTargetsReport(ytd.from, ytd.to, "rep");
  const rows = (report.data?.rows ?? []).filter((r) => dimensionKey(r.rep) !== "0");
  const changes = rows.map((r) => changeBp(r.revenue, r.previous?.revenue)).filter((c): c is number => c !== null);
  const best = changes.length > 1 ? Math.max(...changes) : null;
  const worst = changes.length > 1 ? Math.min(...changes) : null;
  const targetOf = (key: string) => targets.data?.groups.find((g) => String(g.key) === key)?.total;
  const anyTarget = (targets.data?.groups ?? []).some((g) => g.total.target !== null);
  const repColumns: Column<SalesReportRow>[] = [
    {
      key: "rep",
      label: t("sales.dimensions.rep"),
      render: (r) => {
        const change = changeBp(r.revenue, r.previous?.revenue);
        return (
          <Group gap={6} wrap="wrap">
            <span>{dimensionText(t, "rep", r.rep)}</span>
            {best !== null && change === best && <Tag color="green">{t("sales.manager.leads")}</Tag>}
            {worst !== null && change === worst && <Tag color="red">{t("sales.manager.lags")}</Tag>}
          </Group>
        );
      },
    },
    { key: "actual", label: t("sales.actual"), numeric: true, render: (r) => formatEurosWhole(r.revenue) },
    { key: "previous", label: t("sales.lastYear"), numeric: true, render: (r) => formatEurosWhole(r.previous?.revenue) },
    { key: "change", label: t("sales.change"), numeric: true, render: (r) => <ChangeBadge bp={changeBp(r.revenue, r.previous?.revenue)} /> },
    ...(anyTarget ? [{ key: "reached", label: t("sales.reached"), numeric: true, render: (r: SalesReportRow) => <Reached bp={targetOf(dimensionKey(r.rep))?.reachedBp ?? null} /> }] : []),
  ];
  return (
    <Section
      title={t("sales.manager.reps")}
      id="sales-reps"
      actions={
        <Button component={Link} to={reportLink({ measures: ["revenue"], dimensions: ["rep", "productGroup"], ...ytd, compare: true })} size="compact-sm" variant="subtle">
          {t("sales.openInReport")}
        </Button>
      }
    >
      {report.isError ? (
        <ErrorAlert error={report.error} reveal={false} />
      ) : report.isPending ? (
        <PageLoader />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t("sales.noFigures")}</Text>
      ) : (
        <ResponsiveTable rows={rows} columns={repColumns} rowKey={(r) => dimensionKey(r.rep)} label={t("sales.manager.reps")} minWidth={anyTarget ? 560 : 440} />
      )}
    </Section>
  );
}

/** The hit ratio of this year so far per rep (quotes won ÷ decided), linking to the full report. */
function QuoteStatistics() {
  const { t } = useTranslation();
  const today = todayInAmsterdam();
  const from = `${today.slice(0, 4)}-01-01`;
  const ratio = useHitRatio(from, today);
  type Rep = HitRatio["reps"][number];
  const quoteColumns: Column<Rep>[] = [
    { key: "rep", label: t("sales.dimensions.rep"), render: (r) => r.rep.name },
    { key: "decided", label: t("sales.manager.wonDecided"), numeric: true, render: (r) => `${r.won} / ${r.won + r.lost + r.withdrawn}` },
    { key: "ratio", label: t("sales.manager.hitRatio"), numeric: true, render: (r) => formatShare(r.ratioCount) },
    { key: "value", label: t("sales.manager.wonValue"), numeric: true, render: (r) => formatEurosWhole(r.wonCents) },
    {
      key: "open",
      label: t("sales.manager.open"),
      numeric: true,
      render: (r) =>
        r.openQuotes > 0 ? (
          <Anchor component={Link} to={`/quotes?scope=all&status=draft&status=sent&rep=${r.rep.id}`} size="sm">
            {r.openQuotes}
          </Anchor>
        ) : (
          0
        ),
    },
  ];
  return (
    <Section
      title={t("sales.manager.quotes")}
      id="sales-quotes"
      actions={
        <Button component={Link} to={`/quotes/hit-ratio?from=${from}&to=${today}`} size="compact-sm" variant="subtle">
          {t("sales.manager.toHitRatio")}
        </Button>
      }
    >
      {ratio.isError ? (
        <ErrorAlert error={ratio.error} reveal={false} />
      ) : ratio.isPending ? (
        <PageLoader />
      ) : ratio.data.reps.length === 0 ? (
        <Text c="dimmed">{t("sales.manager.noQuotes")}</Text>
      ) : (
        <ResponsiveTable rows={ratio.data.reps} columns={quoteColumns} rowKey={(r) => r.rep.id} label={t("sales.manager.quotes")} minWidth={460} />
      )}
    </Section>
  );
}

/** Visits in the last twelve months against the visit norm of each class, per rep. */
function VisitStatistics() {
  const { t } = useTranslation();
  const today = todayInAmsterdam();
  const norms = useVisitNormsReport(today, null, true);
  type Line = { key: string; name: string; c: VisitNormsReport["overall"]; bold: boolean };
  const visitColumns: Column<Line>[] = [
    { key: "name", label: t("sales.dimensions.rep"), render: (r) => r.name },
    { key: "visits", label: t("sales.manager.visitsDone"), numeric: true, render: (r) => `${r.c.visitsCounted} / ${r.c.visitsRequired}` },
    { key: "compliance", label: t("sales.manager.compliance"), numeric: true, render: (r) => <Reached bp={r.c.compliancePercent * 100} /> },
  ];
  return (
    <Section
      title={t("sales.manager.visits")}
      id="sales-visits"
      actions={
        <Button component={Link} to="/reports" size="compact-sm" variant="subtle">
          {t("sales.manager.toReports")}
        </Button>
      }
    >
      {norms.isError ? (
        <ErrorAlert error={norms.error} reveal={false} />
      ) : norms.isPending ? (
        <PageLoader />
      ) : (
        <ResponsiveTable
          rows={[...norms.data.reps.map((r) => ({ key: String(r.owner?.id ?? "none"), name: r.owner?.name ?? t("sales.manager.noOwner"), c: r.compliance, bold: false })), { key: "all", name: t("sales.total"), c: norms.data.overall, bold: true }]}
          columns={visitColumns}
          rowKey={(r) => r.key}
          strong={(r) => r.bold}
          label={t("sales.manager.visits")}
          minWidth={360}
        />
      )}
    </Section>
  );
}

function ReportLinks({ month }: { month: string }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const links = [
    { key: "rayonMonth", to: reportLink({ measures: ["revenue", "marginPct"], dimensions: ["rayon", "month"], ...ytd, compare: true }) },
    { key: "topDebtors", to: reportLink({ measures: ["revenue", "margin"], dimensions: ["debtor"], ...ytd, compare: true, limit: 50 }) },
    { key: "repGroupQuarter", to: reportLink({ measures: ["revenue"], dimensions: ["rep", "productGroup", "quarter"], from: `${Number(month.slice(0, 4)) - 2}-01`, to: month }) },
    { key: "pareto", to: "/sales/pareto" },
  ];
  return (
    <Section title={t("sales.manager.more")} id="sales-more">
      <Group gap="xs">
        {links.map((l) => (
          <Button key={l.key} component={Link} to={l.to} variant="default" size="xs">
            {t(`sales.manager.links.${l.key}`)}
          </Button>
        ))}
      </Group>
    </Section>
  );
}
