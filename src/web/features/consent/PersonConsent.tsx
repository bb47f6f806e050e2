// The mailing consent of one person: per purpose the current state with date, source and text
// version, "give" (with proof) and "withdraw" (one click), and the full record on request.
import { Badge, Button, Collapse, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CONSENT_PURPOSES, type ConsentPurpose } from "../../../domain/consent.js";
import { errorMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatDate, formatInstant } from "../../i18n/format.js";
import { type ConsentOverviewDto, type CurrentConsent, useWithdrawConsent } from "./consent.api.js";
import { GiveConsentDialog } from "./GiveConsentDialog.js";

const STATE_COLORS: Record<string, string> = { given: "green", withdrawn: "red", none: "gray" };

/** Today in Amsterdam as YYYY-MM-DD (the date a consent decision defaults to). */
export function amsterdamToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

interface Props {
  personId: number;
  personName: string;
  relationId: number;
  overview: ConsentOverviewDto | undefined;
  pending: boolean;
  error: unknown;
  canWrite: boolean;
}

function PurposeState({ current, personId, personName, relationId, canWrite }: { current: CurrentConsent } & Omit<Props, "overview" | "pending" | "error">) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent(personId, relationId);
  const [giving, setGiving] = useState(false);
  const purpose = current.purpose as ConsentPurpose;
  const purposeLabel = t(`consent.purpose.${purpose}`, { defaultValue: purpose });
  const details = [
    current.since ? t("consent.since", { date: formatDate(current.since) }) : null,
    current.source ? t(`consent.source.${current.source}`, { defaultValue: current.source }) : null,
    current.textVersion ? t("consent.textVersion", { version: current.textVersion }) : null,
  ].filter((x): x is string => x !== null);

  return (
    <Stack gap={4} role="group" aria-label={`${purposeLabel}: ${personName}`}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {purposeLabel}
        </Text>
        <Badge size="sm" variant="light" color={STATE_COLORS[current.state] ?? "gray"}>
          {t(`consent.state.${current.state}`, { defaultValue: current.state })}
        </Badge>
      </Group>
      {details.length > 0 && (
        <Text size="xs" c="dimmed">
          {details.join(" · ")}
        </Text>
      )}
      {current.importOverruled && (
        <Text size="xs" c="orange.8">
          {t("consent.importOverruled")}
        </Text>
      )}
      {canWrite && (
        <Group gap={4}>
          {current.state !== "given" && (
            <Button size="compact-xs" variant="light" onClick={() => setGiving(true)} aria-label={`${t("consent.give")}: ${purposeLabel}, ${personName}`}>
              {t("consent.give")}
            </Button>
          )}
          {current.state !== "withdrawn" && (
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              loading={withdraw.isPending}
              aria-label={`${t("consent.withdraw")}: ${purposeLabel}, ${personName}`}
              onClick={() =>
                withdraw.mutate(purpose, {
                  onSuccess: () => notifications.show({ message: t("consent.withdrawn"), color: "green" }),
                  onError: (error) => notifications.show({ message: errorMessage(t, error), color: "red" }),
                })
              }
            >
              {t("consent.withdraw")}
            </Button>
          )}
        </Group>
      )}
      {giving && (
        <GiveConsentDialog personId={personId} personName={personName} relationId={relationId} purpose={purpose} today={amsterdamToday()} onClose={() => setGiving(false)} />
      )}
    </Stack>
  );
}

function History({ overview }: { overview: ConsentOverviewDto }) {
  const { t } = useTranslation();
  if (overview.history.length === 0) return <Text size="sm" c="dimmed">{t("consent.noHistory")}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("consent.fields.date")}</Table.Th>
            <Table.Th>{t("consent.fields.purpose")}</Table.Th>
            <Table.Th>{t("consent.fields.state")}</Table.Th>
            <Table.Th>{t("consent.fields.source")}</Table.Th>
            <Table.Th>{t("consent.fields.textVersion")}</Table.Th>
            <Table.Th>{t("consent.fields.proof")}</Table.Th>
            <Table.Th>{t("consent.fields.recordedBy")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.history.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatDate(r.date)}</Table.Td>
              <Table.Td>{t(`consent.purpose.${r.purpose}`, { defaultValue: r.purpose })}</Table.Td>
              <Table.Td>{t(`consent.state.${r.state}`, { defaultValue: r.state })}</Table.Td>
              <Table.Td>{t(`consent.source.${r.source}`, { defaultValue: r.source })}</Table.Td>
              <Table.Td>{r.textVersion ?? ""}</Table.Td>
              <Table.Td style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{r.proof ?? ""}</Table.Td>
              <Table.Td>
                {r.recordedBy?.name ?? ""} {formatInstant(r.recordedAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function PersonConsent({ personId, personName, relationId, overview, pending, error, canWrite }: Props) {
  const { t } = useTranslation();
  const [historyOpen, history] = useDisclosure(false);
  if (pending) return <PageLoader />;
  if (error || !overview) return <ErrorAlert error={error} reveal={false} />;
  // Every purpose is shown, also one the server has no line for yet.
  const current = CONSENT_PURPOSES.map(
    (purpose) =>
      overview.current.find((c) => c.purpose === purpose) ?? { purpose, state: "none", since: null, source: null, textVersion: null, mayMail: false, importOverruled: false },
  );
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {current.map((c) => (
          <PurposeState key={c.purpose} current={c} personId={personId} personName={personName} relationId={relationId} canWrite={canWrite} />
        ))}
      </SimpleGrid>
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={history.toggle} aria-expanded={historyOpen} aria-label={`${t(historyOpen ? "consent.hideHistory" : "consent.showHistory")}: ${personName}`}>
          {t(historyOpen ? "consent.hideHistory" : "consent.showHistory")} ({overview.history.length})
        </Button>
      </Group>
      <Collapse expanded={historyOpen}>{historyOpen && <History overview={overview} />}</Collapse>
    </Stack>
  );
}
