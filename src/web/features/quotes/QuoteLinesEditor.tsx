// The lines of a quote: product (type-ahead), quantity, unit price (list price by default), discount,
// and the line amount computed live exactly as the server computes it; the total below.
import { ActionIcon, Button, Group, NumberInput, Table, Text, VisuallyHidden } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { formatCents } from "../../i18n/format.js";
import { ProductPicker } from "../products/ProductPicker.js";
import { MoneyInput } from "./MoneyInput.js";
import { emptyLine, lineAmount, listPriceText, type QuoteFormValues, totalOf } from "./quote-form.js";

export function QuoteLinesEditor({ form }: { form: UseFormReturnType<QuoteFormValues> }) {
  const { t } = useTranslation();
  const lines = form.values.lines;
  const total = totalOf(lines);
  const label = (column: string, index: number) => t("quotes.lines.inputLabel", { column: t(`quotes.lines.${column}`), line: index + 1 });

  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("quotes.lines.product")}</Table.Th>
              <Table.Th w={120}>{t("quotes.lines.quantity")}</Table.Th>
              <Table.Th w={150}>{t("quotes.lines.unitPrice")}</Table.Th>
              <Table.Th w={110}>{t("quotes.lines.discount")}</Table.Th>
              <Table.Th w={140} style={{ textAlign: "right" }}>
                {t("quotes.lines.amount")}
              </Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>{t("quotes.lines.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const amount = lineAmount(line);
              return (
                <Table.Tr key={line.key} style={{ verticalAlign: "top" }}>
                  <Table.Td>
                    <ProductPicker
                      label={label("product", i)}
                      value={line.product}
                      error={form.errors[`lines.${i}.product`]}
                      onChange={(product) => {
                        form.setFieldValue(`lines.${i}.product`, product);
                        // A newly picked product starts at its list price; the rep may change it.
                        if (product && product.id !== line.product?.id) form.setFieldValue(`lines.${i}.unitPrice`, listPriceText(product));
                      }}
                    />
                    {line.product && line.product.listPriceCents !== null && (
                      <Text size="xs" c="dimmed" mt={2}>
                        {t("quotes.lines.listPrice", { price: formatCents(line.product.listPriceCents), unit: line.product.unit })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={label("quantity", i)}
                      decimalSeparator=","
                      thousandSeparator="."
                      decimalScale={3}
                      allowNegative={false}
                      hideControls
                      suffix={line.product ? ` ${line.product.unit}` : undefined}
                      {...form.getInputProps(`lines.${i}.quantity`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <MoneyInput aria-label={label("unitPrice", i)} fixedDecimalScale {...form.getInputProps(`lines.${i}.unitPrice`)} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={label("discount", i)}
                      suffix=" %"
                      decimalSeparator=","
                      decimalScale={2}
                      min={0}
                      max={100}
                      allowNegative={false}
                      hideControls
                      {...form.getInputProps(`lines.${i}.discount`)}
                    />
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap", paddingTop: 14 }}>
                    <Text size="sm" fw={500}>
                      {amount === null ? t("common.empty") : formatCents(amount)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ paddingTop: 10 }}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("quotes.lines.remove", { line: i + 1 })}
                      disabled={lines.length === 1}
                      onClick={() => form.removeListItem("lines", i)}
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={4} style={{ textAlign: "right" }}>
                {t("quotes.lines.total")}
              </Table.Th>
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }} aria-live="polite">
                {total === null ? t("common.empty") : formatCents(total)}
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {typeof form.errors.lines === "string" && (
        <Text c="red" size="sm" role="alert">
          {form.errors.lines}
        </Text>
      )}
      <Group>
        <Button variant="light" size="xs" onClick={() => form.insertListItem("lines", emptyLine())}>
          {t("quotes.lines.add")}
        </Button>
      </Group>
    </>
  );
}
