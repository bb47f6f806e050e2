// The marketing manager's dashboard: how a product's introduction goes (customers and volume per
// month since its launch date, and its first buyers adding up), and which relations became customers
// in a period (a campaign's result). The product and the period are kept in the URL.
import { Anchor, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { addMonths, monthRange } from "../../../domain/calendar.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatDate } from "../../i18n/format.js";
import { formatMonth } from "../quotes/months.js";
import { Chart } from "./Chart.js";
import { MonthInput } from "./MonthInput.js";
import { ProductFilter, useProduct } from "./ProductFilter.js";
import { reportLink } from "./report-state.js";
import { type SalesReportRequest, useNewCustomers, useSalesReport } from "./sales.api.js";
import { dimensionText, formatNumber, formatVolume } from "./sales-format.js";
import { Kpi, numberCell, Section } from "./SalesBits.js";

/** Units as typed on the product, with the usual superscripts (m2 → m²). */
const unitText = (unit: string) => unit.replace(/^m2$/i, "m²").replace(/^m3$/i, "m³");

/** The report can look back at most 240 months; an introduction is followed for at most 10 years. */
const MAX_MONTHS = 120;

export function MarketingDashboard({ month }: { month: string }) {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) v === null || v === "" ? next.delete(k) : next.set(k, v);
        return next;
      },
      { replace: true },
    );
  const productId = Number(params.get("product")) || null;
  return (
    <Stack>
      <Introduction month={month} productId={productId} onProduct={(id) => set({ product: id === null ? null : String(id) })} />
      <NewCustomersSection
        from={params.get("ncFrom") || addMonths(month, -2)}
        to={params.get("ncTo") || month}
        month={month}
        onPeriod={(from, to) => set({ ncFrom: from, ncTo: to })}
      />
    </Stack>
  );
}

function Introduction({ month, productId, onProduct }: { month: string; productId: number | null; onProduct: (id: number | null) => void }) {
  const { t } = useTranslation();
  const product = useProduct(productId);
  const launch = product.data?.launchDate ?? null;
  // From the launch month; without a launch date, the last two years.
  const earliest = addMonths(month, -(MAX_MONTHS - 1));
  const from = launch ? [launch.slice(0, 7), earliest].sort().at(-1) as string : addMonths(month, -23);
  const ready = productId !== null && product.isSuccess;
  const request = useMemo(
    (): SalesReportRequest | null => (ready && productId !== null && from <= month ? { measures: ["customers", "volume"], dimensions: ["month"], from, to: month, filters: { product: [productId] } } : null),
    [ready, productId, from, month],
  );
  const report = useSalesReport(request);
  const firsts = useNewCustomers(from, month, productId, request !== null);
  const chart = useMemo(() => {
    const months = request ? monthRange(from, month) : [];
    const byMonth = new Map((report.data?.rows ?? []).map((r) => [r.month as string, r]));
    const newByMonth = new Map((firsts.data?.months ?? []).map((m) => [m.month, m.customers]));
    let running = 0;
    const cumulative = months.map((m) => (running += newByMonth.get(m) ?? 0));
    return {
      categories: months.map((m) => dimensionText(t, "month", m)),
      series: [
        { name: t("sales.measures.volume"), type: "bar" as const, data: months.map((m) => byMonth.get(m)?.volume ?? 0) },
        { name: t("sales.marketing.buyingCustomers"), type: "line" as const, data: months.map((m) => byMonth.get(m)?.customers ?? 0), axis: 1 as const },
        { name: t("sales.marketing.firstBuyers"), type: "line" as const, data: cumulative, axis: 1 as const, dashed: true },
      ],
    };
  }, [request, from, month, report.data, firsts.data, t]);
  const totals = report.data?.totals;
  return (
    <Section title={t("sales.marketing.introduction")} id="sales-introduction">
      <Text size="sm" c="dimmed">
        {t("sales.marketing.introductionHint")}
      </Text>
      <ProductFilter value={productId} onChange={onProduct} label={t("sales.marketing.product")} placeholder={t("sales.marketing.productPlaceholder")} maw={480} />
      {productId === null ? (
        <Text c="dimmed">{t("sales.marketing.chooseProduct")}</Text>
      ) : product.isError ? (
        <ErrorAlert error={product.error} reveal={false} />
      ) : report.isError ? (
        <ErrorAlert error={report.error} reveal={false} />
      ) : report.isPending || !product.data ? (
        <PageLoader />
      ) : (
        <>
          <Text size="sm">
            {launch ? t("sales.marketing.launchedOn", { date: formatDate(launch) }) : t("sales.marketing.noLaunchDate", { from: formatMonth(from) })}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" component="dl" m={0}>
            <Kpi label={t("sales.marketing.totalVolume")} value={formatVolume(totals?.volume ?? 0)} hint={unitText(product.data.unit)} />
            <Kpi label={t("sales.marketing.customersSince")} value={formatNumber(totals?.customers ?? 0)} />
            <Kpi label={t("sales.marketing.firstBuyersTotal")} value={formatNumber(firsts.data?.total ?? 0)} />
          </SimpleGrid>
          <Chart categories={chart.categories} series={chart.series} kind="volume" secondKind="count" label={t("sales.marketing.introductionChart")} />
          <Group>
            <Anchor component={Link} to={reportLink({ measures: ["customers", "volume", "revenue"], dimensions: ["month"], from, to: month, filters: { product: [productId] } })} size="sm">
              {t("sales.openInReport")}
            </Anchor>
          </Group>
        </>
      )}
    </Section>
  );
}

function NewCustomersSection({ from, to, month, onPeriod }: { from: string; to: string; month: string; onPeriod: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  const valid = from <= to;
  const report = useNewCustomers(from, to, null, valid);
  const chart = useMemo(() => {
    const months = valid ? monthRange(from, to) : [];
    const byMonth = new Map((report.data?.months ?? []).map((m) => [m.month, m.customers]));
    return {
      categories: months.map((m) => dimensionText(t, "month", m)),
      series: [{ name: t("sales.marketing.newCustomers"), type: "bar" as const, data: months.map((m) => byMonth.get(m) ?? 0) }],
    };
  }, [report.data, from, to, valid, t]);
  return (
    <Section title={t("sales.marketing.newCustomersTitle")} id="sales-new-customers">
      <Text size="sm" c="dimmed">
        {t("sales.marketing.newCustomersHint")}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={520}>
        <MonthInput label={t("sales.from")} value={from} maxMonth={month} onChange={(m) => onPeriod(m, to)} />
        <MonthInput label={t("sales.to")} value={to} maxMonth={month} onChange={(m) => onPeriod(from, m)} error={valid ? undefined : t("sales.periodReversed")} />
      </SimpleGrid>
      {!valid ? null : report.isError ? (
        <ErrorAlert error={report.error} reveal={false} />
      ) : report.isPending ? (
        <PageLoader />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" component="dl" m={0}>
            <Kpi label={t("sales.marketing.newCustomers")} value={formatNumber(report.data.total)} testId="newCustomers" />
          </SimpleGrid>
          <Chart categories={chart.categories} series={chart.series} kind="count" label={t("sales.marketing.newCustomersChart")} height={220} />
          {report.data.customers.length > 0 && (
            <Table.ScrollContainer minWidth={320} mah={360}>
              <Table striped fz="sm" aria-label={t("sales.marketing.newCustomersList")} stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("sales.dimensions.debtor")}</Table.Th>
                    <Table.Th style={numberCell}>{t("sales.marketing.firstInvoice")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.data.customers.map((c) => (
                    <Table.Tr key={c.relation.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/relations/${c.relation.id}`} size="sm">
                          {c.relation.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={numberCell}>{formatMonth(c.firstMonth, "short")}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {report.data.customers.length < report.data.total && (
            <Text size="xs" c="dimmed">
              {t("sales.marketing.listCapped", { shown: report.data.customers.length, total: report.data.total })}
            </Text>
          )}
        </>
      )}
    </Section>
  );
}
