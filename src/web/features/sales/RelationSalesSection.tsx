// The "Verkoop" tab of a relation: sales by year and product group (with a chart), the products it
// buys, the average discount against list price and the last invoice — what a salesperson reads
// before a visit (DOMAIN.md, step 2 of preparing a visit). A rep sees it only for the own rayons.
import { Alert, Anchor, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SALES_POLICY, seesMargin } from "../../../domain/access.js";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatDate } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { currentMonth } from "../quotes/months.js";
import { Chart } from "./Chart.js";
import { reportLink } from "./report-state.js";
import { type RelationSales, useRelationSales } from "./sales.api.js";
import { formatBp, formatEurosWhole, formatVolume } from "./sales-format.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { Kpi, numberCell } from "./SalesBits.js";

/** Whether the viewer's role sees sales per relation at all (purchasing does not). */
export function seesRelationSales(role: keyof typeof SALES_POLICY): boolean {
  return SALES_POLICY[role]?.dimensions.includes("debtor") ?? false;
}

export function RelationSalesSection({ relationId }: { relationId: number }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = seesRelationSales(user.role);
  const sales = useRelationSales(relationId, allowed);
  if (!allowed || isApiError(sales.error, "forbidden")) return <Text c="dimmed">{t("sales.relation.hidden")}</Text>;
  if (sales.isError) return <ErrorAlert error={sales.error} reveal={false} />;
  if (sales.isPending) return <PageLoader />;
  const data = sales.data;
  if (!data.visible) {
    return (
      <Alert color="gray" role="status">
        {t("sales.relation.notVisible")}
      </Alert>
    );
  }
  if (data.years.length === 0) return <Text c="dimmed">{t("sales.relation.none")}</Text>;
  return <RelationSalesFigures data={data} margin={seesMargin(user)} />;
}

function RelationSalesFigures({ data, margin }: { data: RelationSales; margin: boolean }) {
  const { t } = useTranslation();
  const month = currentMonth();
  const chart = useMemo(() => {
    const years = data.years.map((y) => y.year);
    const groups = [...new Map(data.byGroup.map((g) => [g.group.id, g.group.name])).entries()];
    return {
      categories: years.map(String),
      series: groups.map(([id, name]) => ({
        name,
        type: "bar" as const,
        stack: "groups",
        data: years.map((y) => data.byGroup.find((g) => g.year === y && g.group.id === id)?.revenue ?? 0),
      })),
    };
  }, [data]);
  type Bought = RelationSales["products"][number];
  const productColumns: Column<Bought>[] = [
    { key: "product", label: t("sales.dimensions.product"), render: (p) => p.product.name },
    { key: "volume", label: t("sales.measures.volume"), numeric: true, render: (p) => formatVolume(p.volume) },
    { key: "revenue", label: t("sales.measures.revenue"), numeric: true, render: (p) => formatEurosWhole(p.revenue) },
    { key: "discount", label: t("sales.relation.discountShort"), numeric: true, render: (p) => (p.discountBp === null ? "—" : formatBp(p.discountBp)) },
    { key: "last", label: t("sales.relation.lastBought"), numeric: true, render: (p) => formatDate(p.lastDate) },
  ];
  const thisYear = data.years.find((y) => y.year === Number(month.slice(0, 4)));
  const firstYear = data.years[0]?.year ?? Number(month.slice(0, 4));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <Kpi label={t("sales.relation.lastInvoice")} value={data.lastInvoiceDate ? formatDate(data.lastInvoiceDate) : "—"} testId="lastInvoice" />
        <Kpi label={t("sales.relation.revenueThisYear")} value={formatEurosWhole(thisYear?.revenue ?? 0)} />
        <Kpi label={t("sales.relation.discount")} value={data.discountBp === null ? "—" : formatBp(data.discountBp)} hint={t("sales.relation.discountHint")} testId="discount" />
        <Kpi label={t("sales.relation.products")} value={String(data.products.length)} />
      </SimpleGrid>
      <Chart categories={chart.categories} series={chart.series} kind="cents" label={t("sales.relation.chart")} height={260} />
      <Table.ScrollContainer minWidth={margin ? 520 : 360}>
        <Table striped fz="sm" aria-label={t("sales.relation.byYear")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("sales.dimensions.year")}</Table.Th>
              <Table.Th style={numberCell}>{t("sales.measures.revenue")}</Table.Th>
              <Table.Th style={numberCell}>{t("sales.measures.volume")}</Table.Th>
              {margin && <Table.Th style={numberCell}>{t("sales.measures.margin")}</Table.Th>}
              {margin && <Table.Th style={numberCell}>{t("sales.measures.marginPct")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.years.map((y) => (
              <Table.Tr key={y.year}>
                <Table.Th scope="row" fw={500}>
                  {y.year}
                </Table.Th>
                <Table.Td style={numberCell}>{formatEurosWhole(y.revenue)}</Table.Td>
                <Table.Td style={numberCell}>{formatVolume(y.volume)}</Table.Td>
                {margin && <Table.Td style={numberCell}>{formatEurosWhole(y.margin ?? null)}</Table.Td>}
                {margin && <Table.Td style={numberCell}>{formatBp(y.marginPct ?? null)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text fw={600}>{t("sales.relation.productsTitle")}</Text>
      <ResponsiveTable rows={data.products} columns={productColumns} rowKey={(p) => p.product.id} label={t("sales.relation.productsTitle")} minWidth={560} />
      <Group>
        <Anchor component={Link} to={reportLink({ measures: ["revenue", "volume"], dimensions: ["product", "year"], from: `${firstYear}-01`, to: month, filters: { debtor: [data.relationId] } })} size="sm">
          {t("sales.openInReport")}
        </Anchor>
      </Group>
    </Stack>
  );
}
