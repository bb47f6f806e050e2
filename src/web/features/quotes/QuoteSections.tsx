// The parts of a quote's page: its details, lines, revisions, the history of chance / decision month /
// status (what the forecast is rebuilt from), and the advice decision kept with it.
import { Anchor, Badge, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Field, FieldList } from "../../components/Field.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { unitLabel } from "../../components/units.js";
import { formatCents, formatDate, formatInstant } from "../../i18n/format.js";
import { AdviceResultPanel, type CriterionOutcome } from "./AdviceResultPanel.js";
import { formatMonth } from "./months.js";
import { QuoteStatusBadge } from "./QuoteBadges.js";
import type { QuoteDetail } from "./quotes.api.js";

const quantityFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 3 });

export function QuoteDetails({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  return (
    <FieldList>
      <Field label={t("quotes.fields.relation")}>
        <Anchor component={Link} to={`/relations/${quote.relation.id}`} size="sm">
          {quote.relation.name}
        </Anchor>
      </Field>
      <Field label={t("quotes.fields.contactPersonId")}>{quote.contactPerson?.formalName ?? quote.contactPerson?.name}</Field>
      <Field label={t("quotes.fields.repId")}>{quote.rep.name}</Field>
      <Field label={t("quotes.fields.title")}>{quote.title}</Field>
      <Field label={t("quotes.fields.total")}>{formatCents(quote.totalCents)}</Field>
      <Field label={t("quotes.fields.probability")}>{`${quote.probability} %`}</Field>
      <Field label={t("quotes.fields.weighted")}>{formatCents(Math.round((quote.totalCents * quote.probability) / 100))}</Field>
      <Field label={t("quotes.fields.decisionMonth")}>
        {formatMonth(quote.decisionMonth)}
        {quote.decisionDate ? ` (${formatDate(quote.decisionDate)})` : ""}
      </Field>
      <Field label={t("quotes.fields.validUntil")}>{formatDate(quote.validUntil)}</Field>
      <Field label={t("quotes.fields.sentOn")}>{formatDate(quote.sentOn)}</Field>
      <Field label={t("quotes.fields.decidedOn")}>{formatDate(quote.decidedOn)}</Field>
      {quote.status === "lost" && <Field label={t("quotes.fields.lostReason")}>{quote.lostReason}</Field>}
      {quote.status === "lost" && <Field label={t("quotes.fields.competitorWon")}>{quote.competitorWon}</Field>}
      <Field label={t("quotes.fields.notes")}>{quote.notes}</Field>
    </FieldList>
  );
}

export function QuoteLinesTable({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  type Line = QuoteDetail["lines"][number];
  const columns: Column<Line>[] = [
    {
      key: "product",
      label: t("quotes.lines.product"),
      render: (l) => (
        <>
          {l.product && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {l.product.code}
            </Text>
          )}
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {l.description}
          </Text>
        </>
      ),
    },
    { key: "quantity", label: t("quotes.lines.quantity"), numeric: true, render: (l) => `${quantityFormat.format(l.quantity)} ${l.product ? unitLabel(t, l.product.unit) : ""}` },
    { key: "unitPrice", label: t("quotes.lines.unitPrice"), numeric: true, render: (l) => formatCents(l.unitPriceCents) },
    { key: "discount", label: t("quotes.lines.discount"), numeric: true, render: (l) => (l.discountBasisPoints === 0 ? "" : `${quantityFormat.format(l.discountBasisPoints / 100)} %`) },
    { key: "vat", label: t("quotes.lines.vat"), numeric: true, render: (l) => `${quantityFormat.format(l.vatBasisPoints / 100)} %` },
    { key: "amount", label: t("quotes.lines.amount"), numeric: true, render: (l) => formatCents(l.amountCents) },
  ];
  const right = { textAlign: "right" as const, whiteSpace: "nowrap" as const };
  return (
    <Stack gap="xs">
      <ResponsiveTable
        rows={quote.lines}
        columns={columns}
        rowKey={(l) => l.id}
        label={t("quotes.lines.title")}
        minWidth={780}
        footer={[t("quotes.lines.totalExVat"), "", "", "", "", formatCents(quote.totals.subtotalCents)]}
      />
      {/* The VAT per rate and the total including VAT, as the letter prints them. */}
      <Table w="auto" ml="auto" aria-label={t("quotes.lines.vatTotals")}>
        <Table.Tbody>
          {quote.totals.vat.map((g) => (
            <Table.Tr key={g.rateBasisPoints}>
              <Table.Td style={right}>{t("quotes.lines.vatAt", { rate: quantityFormat.format(g.rateBasisPoints / 100), base: formatCents(g.baseCents) })}</Table.Td>
              <Table.Td style={right}>{formatCents(g.vatCents)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th style={right}>{t("quotes.lines.totalIncVat")}</Table.Th>
            <Table.Th style={right}>{formatCents(quote.totals.totalCents)}</Table.Th>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function QuoteHistory({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  if (quote.history.length === 0) return <Text c="dimmed">{t("quotes.page.noHistory")}</Text>;
  type Event = { e: QuoteDetail["history"][number]; n: number };
  // Events carry no id; the log only grows at its end, so the original position is a stable key.
  const rows: Event[] = quote.history.map((e, i) => ({ e, n: i })).reverse();
  const columns: Column<Event>[] = [
    { key: "at", label: t("quotes.history.at"), render: ({ e }) => <span style={{ whiteSpace: "nowrap" }}>{e.at.length === 10 ? formatDate(e.at) : formatInstant(e.at)}</span> },
    { key: "kind", label: t("quotes.history.kind"), render: ({ e }) => t(`quotes.history.kinds.${e.kind}`, { defaultValue: e.kind }) },
    { key: "probability", label: t("quotes.fields.probability"), render: ({ e }) => (e.probability === null ? "" : `${e.probability} %`) },
    { key: "decisionMonth", label: t("quotes.fields.decisionMonth"), render: ({ e }) => formatMonth(e.decisionMonth) },
    { key: "status", label: t("quotes.columns.status"), render: ({ e }) => (e.status ? t(`quotes.status.${e.status}`, { defaultValue: e.status }) : "") },
    { key: "total", label: t("quotes.fields.total"), render: ({ e }) => (e.amountCents === null ? "" : formatCents(e.amountCents)) },
    { key: "user", label: t("quotes.history.user"), render: ({ e }) => e.user?.name ?? "" },
  ];
  return <ResponsiveTable rows={rows} columns={columns} rowKey={(r) => r.n} label={t("quotes.history.title")} minWidth={680} />;
}

export function QuoteRevisions({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      {quote.revisions.map((r) => (
        <Group key={r.id} gap={4}>
          {r.id === quote.id ? (
            <Text size="sm" fw={700} aria-current="page">
              {r.number}
            </Text>
          ) : (
            <Anchor component={Link} to={`/quotes/${r.id}`} size="sm">
              {r.number}
            </Anchor>
          )}
          <QuoteStatusBadge status={r.status} />
        </Group>
      ))}
      {quote.revisions.length <= 1 && (
        <Text size="sm" c="dimmed">
          {t("quotes.page.onlyRevision")}
        </Text>
      )}
    </Group>
  );
}

export function QuoteAdviceRecord({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  const advice = quote.advice;
  if (!advice) return <Text c="dimmed">{t("quotes.page.noAdvice")}</Text>;
  return (
    <Stack>
      <Group gap="xs">
        <Badge color={advice.overruled ? "orange" : "green"} variant="light">
          {advice.overruled ? t("quotes.page.overruled") : t("quotes.page.followed")}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("quotes.page.decidedBy", { name: advice.decidedBy?.name ?? "", date: formatDate(advice.decidedOn) })}
        </Text>
      </Group>
      {advice.overruleReason && (
        <Stack gap={2}>
          <Title order={4}>{t("quotes.advice.overruleReason")}</Title>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {advice.overruleReason}
          </Text>
        </Stack>
      )}
      <AdviceResultPanel verdict={advice.verdict} criteria={advice.criteria as CriterionOutcome[]} />
    </Stack>
  );
}
