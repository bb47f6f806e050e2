// The purchasing dashboard: the expected volume per product for the coming months — the run rate of
// the last twelve months plus what open quotes are expected to add (the forecast: quantity × chance
// in the decision month) — to plan buying. Units of different products are never added up.
import { Anchor, Group, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { monthOfKey } from "../../../domain/sales-period.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCents } from "../../i18n/format.js";
import { useForecast } from "../forecast/forecast.api.js";
import { formatMonth } from "../quotes/months.js";
import { Chart } from "./Chart.js";
import { type PurchasingOutlook, usePurchasingOutlook } from "./sales.api.js";
import { dimensionText, formatNumber } from "./sales-format.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { Section } from "./SalesBits.js";

const HORIZONS = ["3", "6", "12"] as const;

export function PurchasingDashboard() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const months = HORIZONS.includes(params.get("months") as (typeof HORIZONS)[number]) ? Number(params.get("months")) : 6;
  const outlook = usePurchasingOutlook(months);
  const forecast = useForecast(outlook.data ? { from: outlook.data.from, to: outlook.data.to, by: "product" } : null);
  const forecastRevenue = useMemo(() => new Map((forecast.data?.groups ?? []).map((g) => [g.key, g.total.revenueCents])), [forecast.data]);
  return (
    <Stack>
      <Section
        title={t("sales.purchasing.outlook")}
        id="sales-outlook"
        actions={
          <SegmentedControl
            size="xs"
            aria-label={t("sales.purchasing.horizon")}
            value={String(months)}
            onChange={(value) => setParams((p) => new URLSearchParams({ ...Object.fromEntries(p), months: value }), { replace: true })}
            data={HORIZONS.map((h) => ({ value: h, label: t("sales.purchasing.months", { count: Number(h) }) }))}
          />
        }
      >
        {outlook.isError ? (
          <ErrorAlert error={outlook.error} reveal={false} />
        ) : outlook.isPending ? (
          <PageLoader />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("sales.purchasing.hint", { from: formatMonth(monthOfKey(outlook.data.runRateFrom)), to: formatMonth(monthOfKey(outlook.data.runRateTo)) })}
            </Text>
            {outlook.data.rows.length === 0 ? <Text c="dimmed">{t("sales.noFigures")}</Text> : <OutlookChart outlook={outlook.data} />}
            {outlook.data.rows.length > 0 && <OutlookTable outlook={outlook.data} forecastRevenue={forecastRevenue} />}
            <Group>
              <Anchor component={Link} to={`/quotes/forecast?from=${outlook.data.from}&to=${outlook.data.to}&by=product`} size="sm">
                {t("sales.purchasing.toForecast")}
              </Anchor>
            </Group>
          </>
        )}
      </Section>
    </Stack>
  );
}

/** One product at a time: run rate and quotes stacked per month (units of one product only). */
function OutlookChart({ outlook }: { outlook: PurchasingOutlook }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const row = outlook.rows.find((r) => String(r.product.id) === chosen) ?? outlook.rows[0];
  const chart = useMemo(() => {
    const months = row?.months ?? [];
    return {
      categories: months.map((m) => dimensionText(t, "month", m.month)),
      series: [
        { name: t("sales.purchasing.runRate"), type: "bar" as const, stack: "expected", data: months.map((m) => m.runRate) },
        { name: t("sales.purchasing.fromQuotes"), type: "bar" as const, stack: "expected", data: months.map((m) => m.fromQuotes), color: "#f59f00" },
      ],
    };
  }, [row, t]);
  if (!row) return null;
  return (
    <Stack gap="xs">
      <Select
        label={t("sales.purchasing.chartProduct")}
        data={outlook.rows.map((r) => ({ value: String(r.product.id), label: r.product.name }))}
        value={String(row.product.id)}
        onChange={setChosen}
        allowDeselect={false}
        searchable
        maw={480}
      />
      <Chart categories={chart.categories} series={chart.series} kind="volume" label={t("sales.purchasing.chartLabel", { product: row.product.name })} height={240} />
    </Stack>
  );
}

function OutlookTable({ outlook, forecastRevenue }: { outlook: PurchasingOutlook; forecastRevenue: Map<number | null, number> }) {
  const { t } = useTranslation();
  const months = outlook.rows[0]?.months.map((m) => m.month) ?? [];
  type Row = PurchasingOutlook["rows"][number];
  const columns: Column<Row>[] = [
    { key: "product", label: t("sales.dimensions.product"), render: (r) => r.product.name },
    { key: "runRate", label: t("sales.purchasing.runRatePerMonth"), numeric: true, render: (r) => formatNumber(r.runRate) },
    ...months.map(
      (month, i): Column<Row> => ({
        key: month,
        label: formatMonth(month, "short"),
        numeric: true,
        render: (r) => {
          const m = r.months[i];
          if (!m) return "—";
          return (
            <>
              <div>{formatNumber(m.expected)}</div>
              {m.fromQuotes > 0 && (
                <Text size="xs" c="orange.8">
                  {t("sales.purchasing.ofWhichQuotes", { units: formatNumber(m.fromQuotes) })}
                </Text>
              )}
            </>
          );
        },
      }),
    ),
    { key: "total", label: t("sales.total"), numeric: true, render: (r) => <Text span fw={600} size="sm">{formatNumber(r.total)}</Text> },
    { key: "forecast", label: t("sales.purchasing.forecastRevenue"), numeric: true, render: (r) => (forecastRevenue.has(r.product.id) ? formatCents(forecastRevenue.get(r.product.id) ?? 0) : "—") },
  ];
  return <ResponsiveTable rows={outlook.rows} columns={columns} rowKey={(r) => r.product.id} label={t("sales.purchasing.table")} minWidth={360 + months.length * 110} />;
}
