import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Placeholder of an area that later issues build (agenda, quotes, sales figures, planning). */
export function ComingSoon({ area }: { area: "myDay" | "agenda" | "quotes" | "sales" | "planning" }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={1}>{t(`nav.${area}`)}</Title>
      <Text fw={600}>{t("comingSoon.title")}</Text>
      <Text c="dimmed">{t("comingSoon.text")}</Text>
    </Stack>
  );
}
