// The dashboard of a salesperson (field or inside sales): the own rayons' revenue month by month
// against last year, the customers who buy less than last year, and the own target against actual
// beside the other rayons' totals and targets — other rayons only as totals (DOMAIN.md: Visibility).
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useRayons } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { formatMonth } from "../quotes/months.js";
import { Chart } from "./Chart.js";
import { lastTwelveMonths, reportLink, yearToDate } from "./report-state.js";
import { type SalesReportRequest, type TargetsVersusActual, useSalesReport, useTargetsReport } from "./sales.api.js";
import { changeBp, dimensionKey, dimensionText, formatEurosWhole } from "./sales-format.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { ChangeBadge, Kpi, Reached, Section, Tag } from "./SalesBits.js";

export function FieldSalesDashboard({ month }: { month: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const rayons = useRayons();
  const own = user.rayonIds;
  const ytd = yearToDate(month);
  const ownNames = (rayons.data ?? []).filter((r) => own.includes(r.id)).map((r) => r.name);

  if (own.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text>{t("sales.field.noRayon")}</Text>
      </Paper>
    );
  }
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t("sales.field.intro", { rayons: ownNames.join(", ") || "…", from: formatMonth(ytd.from), to: formatMonth(ytd.to) })}
      </Text>
      <OwnFigures month={month} own={own} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <DecliningCustomers month={month} />
        <TargetsBeside month={month} own={own} />
      </SimpleGrid>
    </Stack>
  );
}

/** Key figures of the year so far and the revenue of the last twelve months against the year before. */
function OwnFigures({ month, own }: { month: string; own: readonly number[] }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const twelve = lastTwelveMonths(month);
  const filters = { rayon: [...own] };
  const totals = useSalesReport({ measures: ["revenue", "customers", "invoices"], dimensions: [], ...ytd, filters, compare: "previousYear" });
  const development = useSalesReport({ measures: ["revenue"], dimensions: ["month"], ...twelve, filters, compare: "previousYear" });
  const chart = useMemo(() => {
    const rows = development.data?.rows ?? [];
    return {
      categories: rows.map((r) => dimensionText(t, "month", r.month)),
      series: [
        { name: t("sales.thisYear"), type: "bar" as const, data: rows.map((r) => r.revenue ?? 0) },
        { name: t("sales.lastYear"), type: "line" as const, data: rows.map((r) => r.previous?.revenue ?? 0), dashed: true, color: "#868e96" },
      ],
    };
  }, [development.data, t]);
  const tot = totals.data?.totals;
  return (
    <Section
      title={t("sales.field.development")}
      id="sales-development"
      actions={
        <Button component={Link} to={reportLink({ measures: ["revenue"], dimensions: ["month"], ...twelve, filters, compare: true })} size="compact-sm" variant="subtle">
          {t("sales.openInReport")}
        </Button>
      }
    >
      {totals.isError && <ErrorAlert error={totals.error} reveal={false} />}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <Kpi label={t("sales.field.revenueYtd")} value={tot ? formatEurosWhole(tot.revenue) : "…"} testId="revenueYtd" />
        <Kpi label={t("sales.field.revenueLastYtd")} value={tot ? formatEurosWhole(tot.previous?.revenue) : "…"} />
        <Kpi label={t("sales.changeVsLastYear")} value={tot ? <ChangeBadge bp={changeBp(tot.revenue, tot.previous?.revenue)} /> : "…"} />
        <Kpi label={t("sales.customersYtd")} value={tot ? String(tot.customers ?? 0) : "…"} hint={tot ? t("sales.lastYearValue", { value: tot.previous?.customers ?? 0 }) : undefined} />
      </SimpleGrid>
      {development.isError ? (
        <ErrorAlert error={development.error} reveal={false} />
      ) : development.isPending ? (
        <PageLoader />
      ) : (
        <Chart categories={chart.categories} series={chart.series} kind="cents" label={t("sales.field.developmentChart")} />
      )}
    </Section>
  );
}

/** Own debtors that bought less this year so far than in the same months last year, largest drop first. */
function DecliningCustomers({ month }: { month: string }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const request: SalesReportRequest = { measures: ["revenue"], dimensions: ["debtor"], ...ytd, compare: "previousYear", sort: [{ key: "change.revenue", direction: "asc" }], limit: 10 };
  const report = useSalesReport(request);
  const rows = (report.data?.rows ?? []).filter((r) => (r.revenue ?? 0) < (r.previous?.revenue ?? 0));
  return (
    <Section
      title={t("sales.field.buyingLess")}
      id="sales-buying-less"
      actions={
        <Button
          component={Link}
          to={reportLink({ measures: ["revenue"], dimensions: ["debtor"], ...ytd, compare: true, sort: { key: "change.revenue", direction: "asc" }, limit: 100 })}
          size="compact-sm"
          variant="subtle"
        >
          {t("sales.openInReport")}
        </Button>
      }
    >
      <Text size="sm" c="dimmed">
        {t("sales.field.buyingLessHint")}
      </Text>
      {report.isError ? (
        <ErrorAlert error={report.error} reveal={false} />
      ) : report.isPending ? (
        <PageLoader />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t("sales.field.nobodyLess")}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("sales.field.buyingLess")}>
          {rows.map((r) => {
            const loss = (r.revenue ?? 0) - (r.previous?.revenue ?? 0);
            return (
              <Paper key={dimensionKey(r.debtor)} component="li" withBorder p="xs">
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} miw={0}>
                    <Anchor component={Link} to={`/relations/${dimensionKey(r.debtor)}`} size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                      {dimensionText(t, "debtor", r.debtor)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t("sales.field.nowAndThen", { now: formatEurosWhole(r.revenue), before: formatEurosWhole(r.previous?.revenue) })}
                    </Text>
                  </Stack>
                  <Stack gap={2} align="flex-end">
                    <ChangeBadge bp={changeBp(r.revenue, r.previous?.revenue)} />
                    <Text size="xs" c="red" style={{ whiteSpace: "nowrap" }}>
                      −{formatEurosWhole(Math.abs(loss))}
                    </Text>
                  </Stack>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}

/** Own rayon(s) against target, with every other rayon's total and target beside (no detail of theirs). */
function TargetsBeside({ month, own }: { month: string; own: readonly number[] }) {
  const { t } = useTranslation();
  const ytd = yearToDate(month);
  const report = useTargetsReport(ytd.from, ytd.to, "rayon");
  return (
    <Section title={t("sales.field.targets")} id="sales-targets">
      <Text size="sm" c="dimmed">
        {t("sales.field.targetsHint", { from: formatMonth(ytd.from), to: formatMonth(ytd.to) })}
      </Text>
      {report.isError ? <ErrorAlert error={report.error} reveal={false} /> : report.isPending ? <PageLoader /> : <RayonTargetsTable report={report.data} own={own} />}
    </Section>
  );
}

export function RayonTargetsTable({ report, own = [], leaders = false }: { report: TargetsVersusActual; own?: readonly number[]; leaders?: boolean }) {
  const { t } = useTranslation();
  if (report.groups.length === 0) return <Text c="dimmed">{t("sales.noFigures")}</Text>;
  const withTarget = report.groups.filter((g) => g.total.reachedBp !== null);
  const best = leaders && withTarget.length > 1 ? Math.max(...withTarget.map((g) => g.total.reachedBp as number)) : null;
  const worst = leaders && withTarget.length > 1 ? Math.min(...withTarget.map((g) => g.total.reachedBp as number)) : null;
  const label = report.by === "rayon" ? t("sales.dimensions.rayon") : t("sales.dimensions.rep");
  type Group = TargetsVersusActual["groups"][number];
  const columns: Column<Group>[] = [
    {
      key: "name",
      label,
      render: (g) => (
        <Group gap={6} wrap="wrap">
          <span>{g.name}</span>
          {own.includes(g.key) && <Tag>{t("sales.field.yours")}</Tag>}
          {best !== null && g.total.reachedBp === best && <Tag color="green">{t("sales.manager.leads")}</Tag>}
          {worst !== null && g.total.reachedBp === worst && <Tag color="red">{t("sales.manager.lags")}</Tag>}
        </Group>
      ),
    },
    { key: "actual", label: t("sales.actual"), numeric: true, render: (g) => formatEurosWhole(g.total.revenue) },
    { key: "target", label: t("sales.target"), numeric: true, render: (g) => (g.total.target === null ? t("sales.noTarget") : formatEurosWhole(g.total.target)) },
    { key: "reached", label: t("sales.reached"), numeric: true, render: (g) => <Reached bp={g.total.reachedBp} /> },
  ];
  return <ResponsiveTable rows={report.groups} columns={columns} rowKey={(g) => g.key} label={t(`sales.targetsTable.${report.by}`)} strong={(g) => own.includes(g.key)} minWidth={420} />;
}
