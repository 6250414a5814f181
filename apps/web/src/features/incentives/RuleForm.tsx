import { Alert, Button, Fieldset, Group, MultiSelect, NumberInput, Radio, Select, SimpleGrid, Stack, Switch, Text, TextInput } from "@mantine/core";
import { regions } from "@trellis/shared";
import { type RuleKind, ruleKinds } from "../../api/incentives-types";
import { ErrorAlert } from "../../components/ErrorAlert";
import type { useForm } from "../../lib/useForm";
import { useFamilies, useProducts, useTiers } from "./incentives.api";
import { ruleKindHelp, ruleKindLabels } from "./incentives.labels";
import type { RuleFormValues, RuleScope } from "./rule.form";

type RuleForm = ReturnType<typeof useForm<RuleFormValues>>;

interface RuleFormProps {
  form: RuleForm;
  /** The kind is chosen once, when the rule is created. */
  editing: boolean;
  saving: boolean;
  error: unknown;
  onSubmit: () => void;
}

/** The fields of a rule; which ones show depends on its kind. */
export function RuleForm({ form, editing, saving, error, onSubmit }: RuleFormProps) {
  const products = useProducts();
  const families = useFamilies();
  const tiers = useTiers();
  const { values } = form;
  const launch = values.kind === "launch_bonus";
  const scope: RuleScope = launch ? "product" : values.scope;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Fieldset legend="What it gives">
          <Stack gap="sm">
            {editing ? (
              <Text size="sm">
                <strong>{ruleKindLabels[values.kind]}</strong>: {ruleKindHelp[values.kind]}
              </Text>
            ) : (
              <Radio.Group
                label="Kind"
                value={values.kind}
                onChange={(kind) => form.setValue("kind", kind as RuleKind)}
                description={ruleKindHelp[values.kind]}
              >
                <Group gap="md" mt={6}>
                  {ruleKinds.map((kind) => (
                    <Radio key={kind} value={kind} label={ruleKindLabels[kind]} />
                  ))}
                </Group>
              </Radio.Group>
            )}
            <TextInput label="Name" description="Partners see it in their score explanation" required maxLength={200} {...form.text("name")} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {values.kind === "multiplier" ? (
                <NumberInput
                  label="Multiplier (%)"
                  description="200 doubles the base points"
                  min={101}
                  max={1000}
                  allowDecimal={false}
                  suffix="%"
                  {...form.field("multiplierPercent")}
                />
              ) : (
                <NumberInput
                  label={values.kind === "per_unit" ? "Points per unit" : values.kind === "per_revenue" ? "Points per revenue step" : "Bonus points"}
                  min={0}
                  allowDecimal={false}
                  thousandSeparator=","
                  {...form.field("points")}
                />
              )}
              {values.kind === "per_revenue" ? (
                <>
                  <NumberInput
                    label="Revenue step"
                    description="Net amount per step"
                    min={0.01}
                    decimalScale={2}
                    thousandSeparator=","
                    {...form.field("revenueStepAmount")}
                  />
                  <TextInput
                    label="Currency"
                    description="Sales in other currencies earn nothing from it"
                    maxLength={3}
                    {...form.text("revenueStepCurrency")}
                  />
                </>
              ) : null}
              <NumberInput
                label="Monthly cap per rep"
                description="Most points one rep earns from it per month; empty: no cap"
                min={0}
                allowDecimal={false}
                thousandSeparator=","
                {...form.field("monthlyCapPoints")}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend="Which sales">
          <Stack gap="sm">
            {launch ? null : (
              <Radio.Group label="Products" value={scope} onChange={(next) => form.setValue("scope", next as RuleScope)}>
                <Group gap="md" mt={6}>
                  <Radio value="all" label="Every product" />
                  <Radio value="family" label="A product family" />
                  <Radio value="product" label="One product" />
                </Group>
              </Radio.Group>
            )}
            {scope === "product" ? (
              <Select
                label="Product"
                required
                searchable
                data={(products.data ?? []).map((product) => ({ value: product.id, label: `${product.name} (${product.sku})` }))}
                {...form.field("productId")}
              />
            ) : null}
            {scope === "family" ? (
              <Select
                label="Product family"
                required
                data={(families.data ?? []).map((family) => ({ value: family.id, label: family.name }))}
                {...form.field("familyId")}
              />
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label="From sale date" description="Empty: open" type="date" {...form.text("startsOn")} />
              <TextInput label="To sale date (inclusive)" description="Empty: open" type="date" {...form.text("endsOn")} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend="Who earns it">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <MultiSelect
              label="Tiers"
              placeholder="Every tier"
              data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
              clearable
              {...form.field("tierIds")}
            />
            <MultiSelect label="Regions" placeholder="Every region" data={[...regions]} clearable {...form.field("regions")} />
            <MultiSelect
              label="Roles"
              placeholder="Sales reps and partner admins"
              data={[
                { value: "sales_rep", label: "Sales reps" },
                { value: "partner_admin", label: "Partner admins" },
              ]}
              clearable
              value={values.partnerRoles}
              onChange={(roles) => form.setValue("partnerRoles", roles as RuleFormValues["partnerRoles"])}
              error={form.errors.partnerRoles}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">
            Within a list any choice qualifies; the lists narrow each other. Empty lists leave everyone in.
          </Text>
        </Fieldset>
        <Switch
          label="Active"
          description="Rules are never deleted: switch one off to stop it earning points"
          checked={values.active}
          onChange={(event) => form.setValue("active", event.currentTarget.checked)}
        />
        {editing ? (
          <Alert color="blue" role="note">
            Saving writes a new version, effective from now. Sales dated before today keep the version then in force; today's sales get the new one.
          </Alert>
        ) : null}
        <ErrorAlert error={Object.values(form.errors).some(Boolean) ? null : error} title="Not saved" />
        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            {editing ? "Save as a new version" : "Create rule"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
