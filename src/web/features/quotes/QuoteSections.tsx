// The parts of a quote's page: its details, lines, revisions, the history of chance / decision month /
// status (what the forecast is rebuilt from), and the advice decision kept with it.
import { Anchor, Badge, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Field, FieldList } from "../../components/Field.js";
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
  const right = { textAlign: "right" as const, whiteSpace: "nowrap" as const };
  return (
    <Table.ScrollContainer minWidth={780}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("quotes.lines.product")}</Table.Th>
            <Table.Th style={right}>{t("quotes.lines.quantity")}</Table.Th>
            <Table.Th style={right}>{t("quotes.lines.unitPrice")}</Table.Th>
            <Table.Th style={right}>{t("quotes.lines.discount")}</Table.Th>
            <Table.Th style={right}>{t("quotes.lines.vat")}</Table.Th>
            <Table.Th style={right}>{t("quotes.lines.amount")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                {l.product && (
                  <Text size="xs" c="dimmed">
                    {l.product.code}
                  </Text>
                )}
                <Text size="sm">{l.description}</Text>
              </Table.Td>
              <Table.Td style={right}>
                {quantityFormat.format(l.quantity)} {l.product?.unit ?? ""}
              </Table.Td>
              <Table.Td style={right}>{formatCents(l.unitPriceCents)}</Table.Td>
              <Table.Td style={right}>{l.discountBasisPoints === 0 ? "" : `${quantityFormat.format(l.discountBasisPoints / 100)} %`}</Table.Td>
              <Table.Td style={right}>{`${quantityFormat.format(l.vatBasisPoints / 100)} %`}</Table.Td>
              <Table.Td style={right}>{formatCents(l.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={5} style={right}>
              {t("quotes.lines.totalExVat")}
            </Table.Th>
            <Table.Th style={right}>{formatCents(quote.totals.subtotalCents)}</Table.Th>
          </Table.Tr>
          {quote.totals.vat.map((g) => (
            <Table.Tr key={g.rateBasisPoints}>
              <Table.Td colSpan={5} style={right}>
                {t("quotes.lines.vatAt", { rate: quantityFormat.format(g.rateBasisPoints / 100), base: formatCents(g.baseCents) })}
              </Table.Td>
              <Table.Td style={right}>{formatCents(g.vatCents)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th colSpan={5} style={right}>
              {t("quotes.lines.totalIncVat")}
            </Table.Th>
            <Table.Th style={right}>{formatCents(quote.totals.totalCents)}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
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

export function QuoteHistory({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  if (quote.history.length === 0) return <Text c="dimmed">{t("quotes.page.noHistory")}</Text>;
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("quotes.history.at")}</Table.Th>
            <Table.Th>{t("quotes.history.kind")}</Table.Th>
            <Table.Th>{t("quotes.fields.probability")}</Table.Th>
            <Table.Th>{t("quotes.fields.decisionMonth")}</Table.Th>
            <Table.Th>{t("quotes.columns.status")}</Table.Th>
            <Table.Th>{t("quotes.fields.total")}</Table.Th>
            <Table.Th>{t("quotes.history.user")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.history.map((e, i) => ({ e, n: i })).reverse().map(({ e, n }) => (
            // Events carry no id; the log only grows at its end, so the original position is a stable key.
            <Table.Tr key={n}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{e.at.length === 10 ? formatDate(e.at) : formatInstant(e.at)}</Table.Td>
              <Table.Td>{t(`quotes.history.kinds.${e.kind}`, { defaultValue: e.kind })}</Table.Td>
              <Table.Td>{e.probability === null ? "" : `${e.probability} %`}</Table.Td>
              <Table.Td>{formatMonth(e.decisionMonth)}</Table.Td>
              <Table.Td>{e.status ? t(`quotes.status.${e.status}`, { defaultValue: e.status }) : ""}</Table.Td>
              <Table.Td>{e.amountCents === null ? "" : formatCents(e.amountCents)}</Table.Td>
              <Table.Td>{e.user?.name ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
