// Every problem of a sales import by row and column, a page at a time (a file of millions of lines
// can have many). Row numbers are those of the file (the header is row 1).
import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount } from "../../i18n/format.js";
import { type SalesImportProblem, useSalesProblems } from "./sales-import.api.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { problemText } from "./sales-problems.js";
import { Section } from "./SalesBits.js";

const PAGE = 50;
/** The server keeps the first 10,000 problems (STORED_PROBLEMS); beyond that only the count grows. */
const STORED = 10_000;

export function SalesProblems({ importId, total }: { importId: number; total: number }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = useSalesProblems(importId, offset, PAGE, true);
  const listed = Math.min(total, STORED);
  const last = Math.min(listed, offset + PAGE);
  const columns: Column<SalesImportProblem>[] = [
    { key: "row", label: t("sales.import.row"), width: 70, render: (p) => p.row, cardRender: (p) => `${t("sales.import.row")} ${p.row}` },
    { key: "column", label: t("sales.import.column"), width: 140, render: (p) => p.column || t("sales.import.wholeRow") },
    { key: "problem", label: t("sales.import.problem"), wide: true, render: (p) => problemText(t, p) },
  ];
  return (
    <Section title={t("sales.import.problemsTitle", { count: total })} id="sales-problems">
      {page.isError ? (
        <ErrorAlert error={page.error} reveal={false} />
      ) : page.isPending ? (
        <PageLoader />
      ) : (
        <ResponsiveTable
          rows={page.data.items}
          columns={columns}
          rowKey={(p) => `${p.row}:${p.column}:${p.code}`}
          label={t("sales.import.problemsTable")}
          minWidth={520}
        />
      )}
      {total > listed && (
        <Text size="xs" c="dimmed">
          {t("sales.import.problemsCapped", { listed: formatCount(listed) })}
        </Text>
      )}
      {listed > PAGE && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t("sales.import.problemsPage", { from: formatCount(offset + 1), to: formatCount(last), total: formatCount(listed) })}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t("sales.import.previousPage")}
            </Button>
            <Button size="xs" variant="default" disabled={last >= listed} onClick={() => setOffset(offset + PAGE)}>
              {t("sales.import.nextPage")}
            </Button>
          </Group>
        </Group>
      )}
    </Section>
  );
}
