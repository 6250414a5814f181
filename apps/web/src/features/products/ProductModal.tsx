import { Avatar, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ProductLifecycle, productLifecycles } from "@trellis/shared";
import { useRef, useState } from "react";
import { errorMessage } from "../../api/client";
import type { Product } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { humanize, toMinor } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { checkSerial, imageUrl, type ProductInput, useFamilies, useSaveProduct, useUploadProductImage } from "./products.api";

interface ProductForm {
  sku: string;
  name: string;
  familyId: string | null;
  description: string;
  price: number | string;
  currency: string;
  lifecycle: ProductLifecycle;
  serialPattern: string;
}

const mono = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

function formOf(product: Product | null): ProductForm {
  if (!product) return { sku: "", name: "", familyId: null, description: "", price: "", currency: "USD", lifecycle: "active", serialPattern: "" };
  return {
    sku: product.sku,
    name: product.name,
    familyId: product.familyId,
    description: product.description,
    price: product.listPrice.amountMinor / 100,
    currency: product.listPrice.currency,
    lifecycle: product.lifecycle,
    serialPattern: product.serialPattern,
  };
}

/** API paths ("listPrice.amountMinor") onto the form's inputs. */
function formKey(path: string): string {
  if (path === "listPrice.amountMinor") return "price";
  if (path === "listPrice.currency") return "currency";
  return path;
}

function SerialTester({ pattern }: { pattern: string }) {
  const [serial, setSerial] = useState("");
  const result = checkSerial(pattern, serial.trim());
  const message =
    result === "invalid"
      ? { color: "red", text: "The pattern is not a valid regular expression." }
      : result === "match"
        ? { color: "teal", text: "Matches: this serial would be accepted." }
        : result === "no-match"
          ? { color: "red", text: "Does not match: this serial would be refused." }
          : { color: "dimmed", text: "Type a real serial number to check the pattern." };
  return (
    <Stack gap={4}>
      <TextInput label="Test a serial" styles={mono} value={serial} onChange={(event) => setSerial(event.currentTarget.value)} autoComplete="off" />
      <Text size="sm" c={message.color} role="status" aria-live="polite">
        {message.text}
      </Text>
    </Stack>
  );
}

function ImageField({ product }: { product: Product }) {
  const upload = useUploadProductImage(product.id);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Group gap="md">
      <Avatar src={product.hasImage ? imageUrl(product) : null} alt={product.hasImage ? `${product.name} image` : ""} size={64} radius="sm">
        {product.sku.slice(0, 2)}
      </Avatar>
      <Stack gap={4} align="flex-start">
        <input
          ref={input}
          type="file"
          hidden
          accept="image/png,image/jpeg,image/webp,image/gif"
          aria-label="Product image file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (!file) return;
            upload.mutate(file, {
              onSuccess: () => notifications.show({ color: "teal", message: "Image updated." }),
              onError: (error) => notifications.show({ color: "red", title: "Image not saved", message: errorMessage(error) }),
            });
          }}
        />
        <Button size="xs" variant="default" loading={upload.isPending} onClick={() => input.current?.click()}>
          {product.hasImage ? "Replace image" : "Upload image"}
        </Button>
        <Text size="xs" c="dimmed">
          PNG, JPEG, WebP or GIF, up to 2 MB.
        </Text>
      </Stack>
    </Group>
  );
}

export function ProductModal({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const form = useForm<ProductForm>(formOf(product));
  const families = useFamilies();
  const save = useSaveProduct();

  const submit = form.onSubmit((values) => {
    const valid = form.validate({
      sku: (v) => (/^[A-Za-z0-9._-]+$/.test(String(v).trim()) ? undefined : "Letters, digits, '.', '_' and '-' only"),
      name: (v) => (String(v).trim() ? undefined : "Enter a name"),
      familyId: (v) => (v ? undefined : "Choose a family"),
      price: (v) => (v !== "" && Number(v) >= 0 ? undefined : "Enter the list price"),
      currency: (v) => (/^[A-Za-z]{3}$/.test(String(v).trim()) ? undefined : "3-letter code, such as USD"),
      serialPattern: (v) => (String(v) && checkSerial(String(v), "") !== "invalid" ? undefined : "Enter a valid regular expression"),
    });
    if (!valid || !values.familyId) return;
    const input: ProductInput = {
      sku: values.sku.trim(),
      name: values.name.trim(),
      familyId: values.familyId,
      description: values.description,
      listPrice: { amountMinor: toMinor(values.price), currency: values.currency.trim().toUpperCase() },
      lifecycle: values.lifecycle,
      serialPattern: values.serialPattern,
    };
    save.mutate(
      { id: product?.id ?? null, input },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: `${saved.sku} ${saved.name} was saved.` });
          onClose();
        },
        onError: (error) => {
          if (form.setApiErrors(error)) form.setErrors((current) => Object.fromEntries(Object.entries(current).map(([k, v]) => [formKey(k), v])));
        },
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={product ? `Edit ${product.sku}` : "New product"} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="SKU" required styles={mono} data-autofocus {...form.text("sku")} />
            <TextInput label="Name" required {...form.text("name")} />
            <Select
              label="Family"
              required
              searchable
              data={(families.data ?? []).map((family) => ({ value: family.id, label: family.name }))}
              value={form.values.familyId}
              onChange={(value) => form.setValue("familyId", value)}
              error={form.errors.familyId}
              nothingFoundMessage="No family: create one under Product families"
            />
            <Select
              label="Lifecycle"
              data={productLifecycles.map((value) => ({ value, label: humanize(value) }))}
              allowDeselect={false}
              value={form.values.lifecycle}
              onChange={(value) => form.setValue("lifecycle", (value ?? "active") as ProductLifecycle)}
              error={form.errors.lifecycle}
            />
            <NumberInput
              label="List price"
              required
              min={0}
              decimalScale={2}
              fixedDecimalScale
              thousandSeparator=","
              allowNegative={false}
              value={form.values.price}
              onChange={(value) => form.setValue("price", value)}
              error={form.errors.price}
            />
            <TextInput label="Currency" maxLength={3} required {...form.text("currency")} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxRows={8} {...form.text("description")} />
          <TextInput
            label="Serial pattern"
            required
            styles={mono}
            description="Regular expression a serial number must match in full, e.g. TR-[0-9]{8}"
            {...form.text("serialPattern")}
          />
          <SerialTester pattern={form.values.serialPattern} />
          {product ? (
            <ImageField product={product} />
          ) : (
            <Text size="xs" c="dimmed">
              Save the product first, then add its image.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? "Save changes" : "Create product"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
