// "Nieuws van je relaties" on Mijn dag: new items of the feeds of the user's own relations since they
// last marked them read (at most a week back); "Gelezen" empties the list until new items arrive.
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatCount, formatInstant } from "../../i18n/format.js";
import { crmKeys } from "../activities/activities.api.js";
import type { MyDay } from "../myday/myday.api.js";
import { markNewsSeen } from "./news.api.js";
import { NewsTitle } from "./NewsTitle.js";

/** The newest fetchedAt of the items on screen (ISO instants compare as text only in one format: parse). */
const newestShown = (items: MyDay["news"]["items"]) => items.reduce<string | undefined>((max, i) => (max === undefined || Date.parse(i.fetchedAt) > Date.parse(max) ? i.fetchedAt : max), undefined);

export function MyDayNews({ news }: { news: MyDay["news"] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const seen = useMutation({ mutationFn: markNewsSeen, onSuccess: () => void queryClient.invalidateQueries({ queryKey: crmKeys.myDay }) });
  if (news.items.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="myday-news">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Title order={2} size="h4" id="myday-news">
            {t("news.myDayTitle")}
          </Title>
          <Badge variant="light" color="teal">
            {formatCount(news.items.length)}
            {news.more ? "+" : ""}
          </Badge>
        </Group>
        <Button variant="default" size="xs" onClick={() => seen.mutate(newestShown(news.items))} loading={seen.isPending}>
          {t("news.markRead")}
        </Button>
      </Group>
      <Stack gap="xs">
        {news.items.map((item) => (
          <div key={item.id}>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              <Anchor component={Link} to={`/relations/${item.relation.id}`} fw={600}>
                {item.relation.name}
              </Anchor>
              {": "}
              <NewsTitle item={item} />
            </Text>
            <Text size="xs" c="dimmed">
              {formatInstant(item.publishedAt ?? item.fetchedAt)}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
