// /quotes/:id: one quote revision with its details, lines, revisions, history and advice; actions:
// change chance and decision month, the status steps the domain allows, a new revision, and the
// printable document (the server's Dutch HTML page, printed to PDF by the browser).
import { Alert, Anchor, Button, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { QuoteStatus } from "../../../domain/quote-status.js";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { formatMonth } from "./months.js";
import { QuoteStatusBadge, StaleBadge } from "./QuoteBadges.js";
import { QuoteChanceDialog } from "./QuoteChanceDialog.js";
import { QuoteArgumentsPanel } from "./QuoteArgumentsPanel.js";
import { QuoteLinesDialog } from "./QuoteLinesDialog.js";
import { QuoteRevisionDialog } from "./QuoteRevisionDialog.js";
import { QuoteAdviceRecord, QuoteDetails, QuoteHistory, QuoteLinesTable, QuoteRevisions } from "./QuoteSections.js";
import { QuoteStatusDialog } from "./QuoteStatusDialog.js";
import { type QuoteDetail, useQuote } from "./quotes.api.js";

type Dialog = null | "chance" | "revision" | "lines" | QuoteStatus;
type Warning = QuoteDetail["warnings"][number];

export function QuotePage() {
  const { id } = useParams();
  // A fresh page per revision: following a revision link must not carry the last one's warnings.
  return <QuoteView key={id} quoteId={Math.max(0, Number(id) || 0)} />;
}

function QuoteView({ quoteId }: { quoteId: number }) {
  const { t } = useTranslation();
  const quote = useQuote(quoteId);
  const user = useCurrentUser();
  const location = useLocation();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Warnings of the last save (the server sends them with a saved quote, e.g. a past decision month).
  const [warnings, setWarnings] = useState<Warning[]>(() => (location.state as { warnings?: Warning[] } | null)?.warnings ?? []);

  if (quote.isPending) return <PageLoader />;
  if (quote.isError) return <ErrorAlert error={quote.error} />;
  const q = quote.data;
  const canWrite = can(user.role, "quotes.write");
  // The server says whether this user may change this quote (the check its PATCH makes); without the
  // flag the role decides, and the server still refuses what the role alone does not cover.
  const mayChange = canWrite && q.mayChange !== false;
  const reload = () => void quote.refetch();
  const open = q.status === "draft" || q.status === "sent";
  const latest = q.revisions.at(-1)?.id === q.id;
  const revisable = latest && (q.status === "sent" || q.status === "lost" || q.status === "withdrawn");
  const shownWarnings = warnings.length > 0 ? warnings : q.stale ? [{ code: "decision_month_past", message: "" }] : [];

  return (
    <Stack>
      <Anchor component={Link} to="/quotes" size="sm">
        ← {t("quotes.title")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t("quotes.page.title", { number: q.number, relation: q.relation.name })}</Title>
          <Group gap="xs">
            <QuoteStatusBadge status={q.status} />
            {q.stale && <StaleBadge />}
          </Group>
        </Stack>
        <Group>
          <Button component="a" href={`/api/quotes/${q.id}/document`} target="_blank" rel="noopener" variant="default">
            {t("quotes.page.print")}
          </Button>
        </Group>
      </Group>

      {shownWarnings.map((w) => (
        <Alert key={w.code} color="orange" title={t("quotes.warnings.title")}>
          {t(`quotes.warnings.${w.code}`, { month: formatMonth(q.decisionMonth), defaultValue: w.message })}
        </Alert>
      ))}

      {canWrite && !mayChange && (
        <Text size="sm" c="dimmed" data-testid="quote-readonly-reason">
          {t("quotes.page.notYours", { rep: q.rep.name })}
        </Text>
      )}
      {mayChange && (
        <Group>
          {open && (
            <Button onClick={() => setDialog("chance")}>{t("quotes.page.changeChance")}</Button>
          )}
          {q.allowedNextStatuses.map((s) => (
            <Button key={s} variant={s === "lost" || s === "withdrawn" ? "default" : "light"} color={s === "won" ? "green" : undefined} onClick={() => setDialog(s as QuoteStatus)}>
              {t(`quotes.actions.${s}`)}
            </Button>
          ))}
          {q.status === "draft" && (
            <Button variant="default" onClick={() => setDialog("lines")}>
              {t("quotes.page.editLines")}
            </Button>
          )}
          {revisable && (
            <Button variant="default" onClick={() => setDialog("revision")}>
              {t("quotes.page.newRevision")}
            </Button>
          )}
        </Group>
      )}

      <QuoteDetails quote={q} />

      <Tabs defaultValue="lines" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="lines">
            {t("quotes.page.lines")} ({q.lines.length})
          </Tabs.Tab>
          <Tabs.Tab value="arguments">{t("quotes.page.arguments")}</Tabs.Tab>
          <Tabs.Tab value="revisions">
            {t("quotes.page.revisions")} ({q.revisions.length})
          </Tabs.Tab>
          <Tabs.Tab value="history">{t("quotes.page.history")}</Tabs.Tab>
          <Tabs.Tab value="advice">{t("quotes.page.advice")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="lines" pt="md">
          <QuoteLinesTable quote={q} />
        </Tabs.Panel>
        <Tabs.Panel value="arguments" pt="md">
          <QuoteArgumentsPanel quote={q} />
        </Tabs.Panel>
        <Tabs.Panel value="revisions" pt="md">
          <QuoteRevisions quote={q} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <QuoteHistory quote={q} />
        </Tabs.Panel>
        <Tabs.Panel value="advice" pt="md">
          <QuoteAdviceRecord quote={q} />
        </Tabs.Panel>
      </Tabs>

      {dialog === "chance" && (
        <QuoteChanceDialog key={q.version} quote={q} opened onClose={() => setDialog(null)} onReload={reload} onWarnings={setWarnings} />
      )}
      {dialog === "revision" && <QuoteRevisionDialog quote={q} onClose={() => setDialog(null)} onReload={reload} />}
      {dialog === "lines" && <QuoteLinesDialog key={q.version} quote={q} onClose={() => setDialog(null)} onReload={reload} />}
      {dialog !== null && dialog !== "chance" && dialog !== "revision" && dialog !== "lines" && (
        <QuoteStatusDialog quote={q} to={dialog} onClose={() => setDialog(null)} onReload={reload} />
      )}
    </Stack>
  );
}
