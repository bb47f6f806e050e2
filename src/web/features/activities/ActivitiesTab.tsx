// The "Contactmomenten" tab of a relation: open follow-ups, the relation's news (its own feed), a quick
// form to log a contact moment, and the timeline (newest first, "load more").
import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Person } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { ActivityCard } from "./ActivityCard.js";
import { ActivityForm } from "./ActivityForm.js";
import { useActivities } from "./activities.api.js";
import { RelationNewsSection } from "../news/RelationNewsSection.js";
import { FollowUpsSection } from "./FollowUpsSection.js";

interface Props {
  relationId: number;
  persons: readonly Person[];
  canWrite: boolean;
}

export function ActivitiesTab({ relationId, persons, canWrite }: Props) {
  const { t } = useTranslation();
  const activities = useActivities(relationId);
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const items = activities.data?.pages.flatMap((p) => p.items) ?? [];
  const reload = () => void activities.refetch();

  return (
    <Stack>
      <FollowUpsSection relationId={relationId} canWrite={canWrite} />
      <RelationNewsSection relationId={relationId} canWrite={canWrite} />

      <Stack gap="xs" component="section" aria-labelledby="activities-title">
        <Group justify="space-between">
          <Title order={2} size="h4" id="activities-title">
            {t("activities.title")}
          </Title>
          {canWrite && !adding && <Button onClick={() => setAdding(true)}>{t("activities.add")}</Button>}
        </Group>
        {adding && (
          <Card withBorder>
            <Title order={3} size="h5" mb="sm">
              {t("activities.addTitle")}
            </Title>
            <ActivityForm relationId={relationId} persons={persons} activity={null} onDone={() => setAdding(false)} onReload={reload} />
          </Card>
        )}
        {activities.isPending ? (
          <PageLoader />
        ) : activities.isError ? (
          <ErrorAlert error={activities.error} reveal={false} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t("activities.none")}</Text>
        ) : (
          <Stack gap="sm">
            {items.map((a) => (
              <ActivityCard
                key={a.id}
                activity={a}
                relationId={relationId}
                persons={persons}
                canWrite={canWrite}
                editing={editingId === a.id}
                onEdit={(on) => setEditingId(on ? a.id : null)}
                onReload={reload}
              />
            ))}
            {activities.hasNextPage && (
              <Group justify="center">
                <Button variant="default" onClick={() => void activities.fetchNextPage()} loading={activities.isFetchingNextPage}>
                  {t("activities.loadMore")}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}
