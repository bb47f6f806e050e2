// The sales report as a table: one row per combination of dimension values, each measure (and, when
// compared, last year and the change beside it), the totals at the foot. Headers sort (on the
// server, so the top N is the top N of that order). It scrolls inside its own container on a phone.
import { Anchor, Table, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SalesDimension, SalesMeasure } from "../../../domain/access.js";
import type { ReportState } from "./report-state.js";
import type { Figures, SalesReport, SalesReportRow } from "./sales.api.js";
import { changeBp, dimensionKey, dimensionText, formatChangeBp, formatDifference, formatMeasure } from "./sales-format.js";
import { numberCell } from "./SalesBits.js";

interface Props {
  report: SalesReport;
  sort: ReportState["sort"];
  onSort: (sort: ReportState["sort"]) => void;
}

interface Column {
  key: string;
  label: string;
  numeric: boolean;
  cell: (row: SalesReportRow) => React.ReactNode;
  total?: (totals: SalesReport["totals"]) => React.ReactNode;
}

const changeText = (m: SalesMeasure, now: Figures | undefined, then: Figures | undefined) =>
  m === "marginPct" ? formatDifference(m, now?.[m] ?? null, then?.[m] ?? null) : formatChangeBp(changeBp(now?.[m] ?? null, then?.[m] ?? null));

function changeColor(m: SalesMeasure, now: Figures | undefined, then: Figures | undefined): string | undefined {
  const a = now?.[m];
  const b = then?.[m];
  // Nothing last year: no change to colour (the cell says "—").
  if (a === null || a === undefined || b === null || b === undefined || a === b || (m !== "marginPct" && b === 0)) return undefined;
  return a > b ? "green.8" : "red.8";
}

export function ReportTable({ report, sort, onSort }: Props) {
  const { t } = useTranslation();
  const dimensionColumns: Column[] = report.dimensions.map((d: SalesDimension) => ({
    key: d,
    label: t(`sales.dimensions.${d}`),
    numeric: false,
    cell: (row) =>
      d === "debtor" && dimensionKey(row.debtor) !== "0" ? (
        <Anchor component={Link} to={`/relations/${dimensionKey(row.debtor)}`} size="sm">
          {dimensionText(t, d, row[d])}
        </Anchor>
      ) : (
        dimensionText(t, d, row[d])
      ),
  }));
  const measureColumns: Column[] = report.measures.flatMap((m) => {
    const label = t(`sales.measures.${m}`);
    const current: Column = { key: m, label: report.mat ? t("sales.matOf", { measure: label }) : label, numeric: true, cell: (r) => formatMeasure(m, r[m]), total: (tot) => formatMeasure(m, tot[m]) };
    if (!report.compare) return [current];
    return [
      current,
      { key: `previous.${m}`, label: t("sales.previousOf", { measure: label }), numeric: true, cell: (r) => formatMeasure(m, r.previous?.[m]), total: (tot) => formatMeasure(m, tot.previous?.[m]) },
      {
        key: `change.${m}`,
        label: t("sales.changeOf", { measure: label }),
        numeric: true,
        cell: (r) => (
          <Text span size="sm" c={changeColor(m, r, r.previous)}>
            {changeText(m, r, r.previous)}
          </Text>
        ),
        total: (tot) => changeText(m, tot, tot.previous),
      },
    ];
  });
  const columns = [...dimensionColumns, ...measureColumns];
  const toggle = (key: string, numeric: boolean) => {
    if (sort?.key === key) onSort({ key, direction: sort.direction === "asc" ? "desc" : "asc" });
    else onSort({ key, direction: numeric ? "desc" : "asc" });
  };
  const minWidth = dimensionColumns.length * 180 + measureColumns.length * 130;
  return (
    <Table.ScrollContainer minWidth={Math.max(320, minWidth)} type="native">
      <Table striped highlightOnHover fz="sm" aria-label={t("sales.report.table")} stickyHeader>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <Table.Th key={c.key} style={c.numeric ? numberCell : undefined} aria-sort={active ? (sort?.direction === "asc" ? "ascending" : "descending") : undefined}>
                  <UnstyledButton onClick={() => toggle(c.key, c.numeric)} fz="sm" fw={600} title={t("sales.report.sortBy", { column: c.label })}>
                    {c.label}
                    {active ? (sort?.direction === "asc" ? " ▲" : " ▼") : ""}
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its combination of dimension values; the index is as stable
            <Table.Tr key={i}>
              {columns.map((c) => (
                <Table.Td key={c.key} style={c.numeric ? numberCell : undefined}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {!report.mat && dimensionColumns.length > 0 && (
          <Table.Tfoot>
            <Table.Tr fw={700}>
              {columns.map((c, i) => (
                <Table.Td key={c.key} style={c.numeric ? numberCell : undefined}>
                  {i === 0 && !c.numeric ? t("sales.total") : c.total ? c.total(report.totals) : ""}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
