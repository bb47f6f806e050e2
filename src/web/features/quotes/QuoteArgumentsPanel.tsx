// The quote's arguments: per product on the quote, the arguments that answer one of the relation's
// requirements. Those that answer none are left out on purpose (noise, and they can count against
// us); the panel says how many, so a rep knows to record the customer's requirements on the relation.
// Arguments for a hard requirement come first and are marked; below the requirements, how the current
// supplier does against us on them where that is known.
import { Anchor, Badge, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { RequirementBadges, SupplierComparison } from "../relations/RequirementBadges.js";
import { type QuoteDetail, useQuoteArguments } from "./quotes.api.js";

export function QuoteArgumentsPanel({ quote }: { quote: QuoteDetail }) {
  const { t } = useTranslation();
  const args = useQuoteArguments(quote.id, quote.version);
  if (args.isError) return <ErrorAlert error={args.error} reveal={false} />;
  if (args.isPending) return <PageLoader />;
  const { requirements, products, currentSupplier, comparison } = args.data;
  return (
    <Stack data-testid="quote-arguments">
      {requirements.length === 0 ? (
        <Text size="sm">
          {t("quotes.arguments.noRequirements")}{" "}
          <Anchor component={Link} to={`/relations/${quote.relation.id}`}>
            {quote.relation.name}
          </Anchor>
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">{t("quotes.arguments.requirements")}</Text>
          <RequirementBadges requirements={requirements} />
        </Stack>
      )}
      <SupplierComparison supplier={currentSupplier} comparison={comparison} />
      {products.length === 0 && <Text size="sm">{t("quotes.arguments.noProducts")}</Text>}
      {products.map((p) => (
        <Paper key={p.product.id} withBorder p="sm">
          <Stack gap={4}>
            <Title order={3} size="h5" style={{ overflowWrap: "anywhere" }}>
              {p.product.name}
            </Title>
            {p.arguments.length > 0 ? (
              <List size="sm" spacing={2}>
                {p.arguments.map((a) => (
                  <List.Item key={`${a.requirement}\n${a.text}`} style={{ overflowWrap: "anywhere" }}>
                    {a.hard && (
                      <Badge size="xs" color="dark" mr={4}>
                        {t("requirement.hard")}
                      </Badge>
                    )}
                    {a.text} <Text span size="xs" c="dimmed">({a.requirement})</Text>
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                {t("quotes.arguments.noneMatch")}
              </Text>
            )}
            {p.leftOut > 0 && (
              <Text size="xs" c="dimmed">
                {t("quotes.arguments.leftOut", { count: p.leftOut })}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
