// The quotes tab of a relation's page: its quotes (latest revisions) and "New quote", which starts
// with the advice for this relation.
import { Button, Center, Group, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { QuotesTable } from "./QuotesTable.js";
import { useQuotesList } from "./quotes.api.js";

export function RelationQuotes({ relationId }: { relationId: number }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const params = useMemo(() => new URLSearchParams({ relation: String(relationId) }), [relationId]);
  const list = useQuotesList(params, 20);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      {can(user.role, "quotes.write") && (
        <Group>
          <Button variant="light" component={Link} to={`/quotes/new?relation=${relationId}`}>
            {t("quotes.new")}
          </Button>
        </Group>
      )}
      {list.isError && <ErrorAlert error={list.error} reveal={false} />}
      {list.isPending ? (
        <PageLoader />
      ) : rows.length === 0 ? (
        !list.isError && <Text c="dimmed">{t("quotes.noneForRelation")}</Text>
      ) : (
        <QuotesTable rows={rows} showRelation={false} />
      )}
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("quotes.loadMore")}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
