// /inbox: the received mails that wait for their owner — they named no known person, came from an
// unknown sender, or could not be read. Each is assigned to a relation (it becomes an e-mail contact
// moment on its timeline) or dropped. Mail text is shown as plain text; HTML never reaches the page.
import { Alert, Badge, Button, Card, Group, MultiSelect, Select, Spoiler, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatInstant } from "../../i18n/format.js";
import { useRelationPersons } from "../agenda/agenda.api.js";
import { useRelationSearch } from "../relations/relations.api.js";
import { type InboxMail, useAssignMail, useDropMail, useInbox } from "./mail.api.js";

export function InboxPage() {
  const { t } = useTranslation();
  const inbox = useInbox();
  if (inbox.isPending) return <PageLoader />;
  return (
    <Stack maw={900}>
      <Title order={1}>{t("mailInbox.title")}</Title>
      <Text c="dimmed" size="sm">
        {t("mailInbox.intro")} <Link to="/account">{t("mailInbox.toAddress")}</Link>
      </Text>
      {inbox.isError && <ErrorAlert error={inbox.error} />}
      {inbox.data && inbox.data.received > 0 && <Text size="sm">{t("mailInbox.onTheWay", { count: inbox.data.received })}</Text>}
      {inbox.data?.items.length === 0 && <Text data-testid="inbox-empty">{t("mailInbox.empty")}</Text>}
      {inbox.data?.items.map((mail) => <MailCard key={mail.id} mail={mail} />)}
      {inbox.data && inbox.data.logged.length > 0 && (
        <Stack gap="xs" data-testid="inbox-logged">
          <Title order={2} size="h3">
            {t("mailInbox.logged")}
          </Title>
          {inbox.data.logged.map((mail) => (
            <Text key={mail.id} size="sm" style={{ overflowWrap: "anywhere" }}>
              {formatInstant(mail.receivedAt)} · {mail.subject ?? t("mailInbox.noSubject")} →{" "}
              {mail.relations.map((r, i) => (
                <span key={r.activityId}>
                  {i > 0 && ", "}
                  <Link to={`/relations/${r.id}`}>{r.name}</Link>
                </span>
              ))}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} kB`;

function MailCard({ mail }: { mail: InboxMail }) {
  const { t } = useTranslation();
  const drop = useDropMail();
  const sender = mail.from.name ? `${mail.from.name} <${mail.from.address ?? ""}>` : (mail.from.address ?? t("mailInbox.unknown"));
  return (
    <Card withBorder padding="md" data-testid="inbox-mail">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" style={{ overflowWrap: "anywhere" }}>
            {mail.subject ?? t("mailInbox.noSubject")}
          </Title>
          <Badge color={mail.state === "problem" ? "red" : mail.reason === "unknown_sender" ? "orange" : "gray"} style={{ whiteSpace: "normal", height: "auto" }}>
            {mail.state === "problem" ? t("mailInbox.reason.problem") : t(`mailInbox.reason.${mail.reason ?? "no_match"}`)}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {t("mailInbox.from")}: {sender}
        </Text>
        {mail.to.length > 0 && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {t("mailInbox.to")}: {[...mail.to, ...mail.cc].join(", ")}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t("mailInbox.received", { at: formatInstant(mail.receivedAt) })}
        </Text>
        {mail.problem && <Alert color="red">{mail.problem}</Alert>}
        {mail.text && (
          <Spoiler maxHeight={96} showLabel={t("mailInbox.more")} hideLabel={t("mailInbox.less")}>
            {/* Plain text as React text: escaped, never parsed as HTML. */}
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {mail.text}
            </Text>
          </Spoiler>
        )}
        {mail.attachments.length > 0 && (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {t("mailInbox.attachments")}: {mail.attachments.map((a) => `${a.fileName} (${kb(a.sizeBytes)})`).join(", ")}
          </Text>
        )}
        {mail.attachmentProblems.length > 0 && (
          <Text size="sm" c="orange" style={{ overflowWrap: "anywhere" }}>
            {t("mailInbox.refused")}: {mail.attachmentProblems.map((a) => `${a.fileName} — ${a.reason}`).join("; ")}
          </Text>
        )}
        {drop.isError && <ErrorAlert error={drop.error} />}
        {mail.state === "inbox" && <AssignForm mail={mail} />}
        <Group>
          <Button variant="default" color="red" size="xs" onClick={() => drop.mutate(mail.id)} loading={drop.isPending}>
            {t("mailInbox.drop")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function AssignForm({ mail }: { mail: InboxMail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useRelationSearch(debounced);
  const [relation, setRelation] = useState<{ id: number; name: string } | null>(null);
  const [personIds, setPersonIds] = useState<string[]>([]);
  const persons = useRelationPersons(relation?.id ?? null);
  const assign = useAssignMail();
  const options = useMemo(() => {
    const list = (results.data ?? []).map((r) => ({ value: String(r.id), label: r.city ? `${r.name} (${r.city})` : r.name }));
    if (relation && !list.some((o) => o.value === String(relation.id))) list.unshift({ value: String(relation.id), label: relation.name });
    return list;
  }, [results.data, relation]);
  const personOptions = (persons.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: String(p.id), label: p.displayName }));
  return (
    <Stack gap="xs">
      {assign.isError && <ErrorAlert error={assign.error} />}
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t("mailInbox.relation")}
          placeholder={t("mailInbox.relationSearch")}
          data={options}
          value={relation ? String(relation.id) : null}
          onChange={(id) => {
            const found = (results.data ?? []).find((r) => String(r.id) === id);
            setRelation(id === null ? null : found ? { id: found.id, name: found.name } : relation);
            setPersonIds([]);
          }}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          nothingFoundMessage={t("mailInbox.nothingFound")}
          style={{ flex: "1 1 14rem", minWidth: 0 }}
        />
        {relation && personOptions.length > 0 && (
          <MultiSelect label={t("mailInbox.persons")} data={personOptions} value={personIds} onChange={setPersonIds} style={{ flex: "1 1 14rem", minWidth: 0 }} />
        )}
        <Button
          disabled={relation === null}
          loading={assign.isPending}
          onClick={() =>
            relation &&
            assign.mutate(
              { id: mail.id, relationId: relation.id, personIds: personIds.map(Number) },
              {
                onSuccess: () =>
                  notifications.show({
                    color: "green",
                    message: (
                      <Text size="sm">
                        {t("mailInbox.assigned", { relation: relation.name })}{" "}
                        <Button variant="subtle" size="compact-xs" onClick={() => navigate(`/relations/${relation.id}`)}>
                          {t("mailInbox.open")}
                        </Button>
                      </Text>
                    ),
                  }),
              },
            )
          }
        >
          {t("mailInbox.assign")}
        </Button>
      </Group>
    </Stack>
  );
}
