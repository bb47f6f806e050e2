// The relation's news on its timeline tab: the feed address (editable by CRM writers), when it was
// last read and why it failed if it did, "Nu ophalen", and the newest items. News is kept apart from
// the contact moments below it: those are what the company did (reports count them), news is what
// the relation published (docs/architecture.md, "News on key relations").
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatInstant } from "../../i18n/format.js";
import { jobDone } from "../jobs/jobs.api.js";
import { type Feed, fetchFeedNow, newsKeys, saveFeedUrl, useRelationNews } from "./news.api.js";
import { NewsTitle } from "./NewsTitle.js";

export function RelationNewsSection({ relationId, canWrite }: { relationId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const news = useRelationNews(relationId);
  const [editing, setEditing] = useState(false);
  if (news.isPending) return null;
  if (news.isError) return <ErrorAlert error={news.error} reveal={false} />;
  const { feed, items } = news.data;
  if (!feed && !canWrite) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="news-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="news-title">
          {t("news.title")}
        </Title>
        {canWrite && !editing && (
          <Group gap="xs">
            {feed && <FetchNowButton relationId={relationId} />}
            <Button variant="default" onClick={() => setEditing(true)}>
              {feed ? t("news.editFeed") : t("news.addFeed")}
            </Button>
          </Group>
        )}
      </Group>
      {editing && <FeedForm relationId={relationId} feed={feed} onDone={() => setEditing(false)} />}
      {feed && <FeedState feed={feed} />}
      {feed && items.length === 0 && <Text c="dimmed">{t("news.none")}</Text>}
      {items.length > 0 && (
        <Stack gap="xs" aria-label={t("news.items")}>
          {items.map((item) => (
            <Card key={item.id} withBorder padding="sm">
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                <NewsTitle item={item} />
              </Text>
              <Text size="xs" c="dimmed">
                {t("news.published", { date: formatInstant(item.publishedAt ?? item.fetchedAt) })}
              </Text>
              {item.summary && (
                <Text size="sm" lineClamp={3} style={{ overflowWrap: "anywhere" }}>
                  {item.summary}
                </Text>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function FeedState({ feed }: { feed: Feed }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
        {feed.title ? `${feed.title} · ` : ""}
        {feed.url}
      </Text>
      <Text size="sm" c="dimmed">
        {feed.lastFetchedAt ? t("news.lastFetched", { at: formatInstant(feed.lastFetchedAt) }) : t("news.neverFetched")}
      </Text>
      {feed.lastError && (
        <Alert color="red" title={t("news.lastErrorTitle")} role="alert">
          {t(`news.errors.${feed.lastError.code}`)}
          <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
            {feed.lastError.detail}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

function FetchNowButton({ relationId }: { relationId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: async () => jobDone((await fetchFeedNow(relationId)).id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: newsKeys.relation(relationId) }),
  });
  return (
    <Button onClick={() => run.mutate()} loading={run.isPending}>
      {t("news.fetchNow")}
    </Button>
  );
}

function FeedForm({ relationId, feed, onDone }: { relationId: number; feed: Feed | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(feed?.url ?? "");
  const save = useMutation({
    mutationFn: (value: string | null) => saveFeedUrl(relationId, value),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: newsKeys.relation(relationId) });
      onDone();
    },
  });
  const urlProblem = isApiError(save.error) ? save.error.fields.find((f) => f.field === "url") : undefined;
  return (
    <Card withBorder>
      <Stack>
        <TextInput
          label={t("news.feedUrl")}
          description={t("news.feedUrlHint")}
          type="url"
          inputMode="url"
          placeholder="https://…/feed"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={urlProblem ? fieldMessage(t, urlProblem) : undefined}
        />
        {save.error && !urlProblem ? <ErrorAlert error={save.error} /> : null}
        <Group justify="flex-end" wrap="wrap">
          {feed && (
            <Button variant="subtle" color="red" onClick={() => save.mutate(null)} loading={save.isPending}>
              {t("news.removeFeed")}
            </Button>
          )}
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => save.mutate(url.trim() === "" ? null : url.trim())} loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
