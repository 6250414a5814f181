import type { HealthComponentName, RelationshipSettings, RelationshipSettingsInput } from "../../api/relationships-types";
import { currencyDigits } from "./partner/money";

// The relationship settings form: values as people type them (percentages, money in whole units,
// blank hours = measured) to and from the API's shape (basis points, minor units, null), with the
// server's limits checked first (settings.schemas.ts relationshipSettingsInput).

export const healthComponentNames: readonly HealthComponentName[] = [
  "return_on_resources",
  "growth",
  "engagement",
  "certification",
  "support_within_allowance",
];

export const healthComponentLabels: Record<HealthComponentName, string> = {
  return_on_resources: "Return on resources",
  growth: "Growth",
  engagement: "Engagement",
  certification: "Certification",
  support_within_allowance: "Support within allowance",
};

type Typed = number | string;

export interface SettingsValues {
  currency: string;
  /** Percent, two decimals at most (35.5 = 3550 bps). */
  defaultMarginPercent: Typed;
  /** Whole currency units. */
  channelManagerCostPerHour: Typed;
  return_on_resources: Typed;
  growth: Typed;
  engagement: Typed;
  certification: Typed;
  support_within_allowance: Typed;
  healthThreshold: Typed;
  netWindowMonths: Typed;
  targetReturnPercent: Typed;
  supportHoursAvailable: Typed;
  channelManagerHoursAvailable: Typed;
  /** Blank: measured from the best-performing partners. */
  hoursPerPartner: Typed;
  partnerScorecardsVisible: boolean;
}

export type SettingsErrors = Partial<Record<keyof SettingsValues, string>>;

export function settingsValues(settings: RelationshipSettings): SettingsValues {
  return {
    currency: settings.currency,
    defaultMarginPercent: settings.defaultMarginBps / 100,
    channelManagerCostPerHour: settings.channelManagerCostPerHourMinor / 10 ** currencyDigits(settings.currency),
    ...settings.healthWeights,
    healthThreshold: settings.healthThreshold,
    netWindowMonths: settings.netWindowMonths,
    targetReturnPercent: settings.targetReturnPercent,
    supportHoursAvailable: settings.supportHoursAvailable,
    channelManagerHoursAvailable: settings.channelManagerHoursAvailable,
    hoursPerPartner: settings.hoursPerPartner ?? "",
    partnerScorecardsVisible: settings.partnerScorecardsVisible,
  };
}

function numberOf(value: Typed): number | null {
  const text = String(value).trim().replaceAll(",", "");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Each weight's share of the total, in percent (one decimal); all 0 when every weight is 0. */
export function weightShares(weights: Record<HealthComponentName, Typed>): Record<HealthComponentName, number> {
  const values = healthComponentNames.map((name) => Math.max(0, numberOf(weights[name]) ?? 0));
  const total = values.reduce((sum, value) => sum + value, 0);
  return Object.fromEntries(
    healthComponentNames.map((name, i) => [name, total > 0 ? Math.round(((values[i] ?? 0) / total) * 1000) / 10 : 0]),
  ) as Record<HealthComponentName, number>;
}

function whole(value: Typed, min: number, max: number): number | string {
  const parsed = numberOf(value);
  return parsed !== null && Number.isInteger(parsed) && parsed >= min && parsed <= max
    ? parsed
    : `A whole number from ${min} to ${max.toLocaleString()}`;
}

function decimal(value: Typed, min: number, max: number, places: number, scale: number): number | string {
  const parsed = numberOf(value);
  const message = `A number from ${min.toLocaleString()} to ${max.toLocaleString()}${places > 0 ? `, ${places} decimals at most` : ", whole"}`;
  if (parsed === null || parsed < min || parsed > max) return message;
  const scaled = Math.round(parsed * scale);
  return Math.abs(scaled - parsed * scale) < 1e-6 ? scaled : message;
}

/** The request body, or the errors to show by input. Sends every field: the form shows them all. */
export function settingsInputOf(values: SettingsValues): { input: RelationshipSettingsInput | null; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const take = <K extends keyof SettingsValues>(key: K, result: number | string): number => {
    if (typeof result === "string") {
      errors[key] = result;
      return 0;
    }
    return result;
  };
  const currency = values.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = "A three-letter currency code such as EUR";
  // The cost per hour is typed in the currency being saved, with that currency's decimals.
  const digits = errors.currency ? 2 : currencyDigits(currency);
  const weights = Object.fromEntries(healthComponentNames.map((name) => [name, take(name, whole(values[name], 0, 100))])) as Record<
    HealthComponentName,
    number
  >;
  if (healthComponentNames.every((name) => !errors[name]) && Object.values(weights).every((w) => w === 0)) {
    errors.return_on_resources = "At least one weight must be above 0";
  }
  const blankHours = String(values.hoursPerPartner).trim() === "";
  const input: RelationshipSettingsInput = {
    currency,
    defaultMarginBps: take("defaultMarginPercent", decimal(values.defaultMarginPercent, -100, 100, 2, 100)),
    channelManagerCostPerHourMinor: take("channelManagerCostPerHour", decimal(values.channelManagerCostPerHour, 0, 1_000_000, digits, 10 ** digits)),
    healthWeights: weights,
    healthThreshold: take("healthThreshold", whole(values.healthThreshold, 0, 100)),
    netWindowMonths: take("netWindowMonths", whole(values.netWindowMonths, 1, 24)),
    targetReturnPercent: take("targetReturnPercent", whole(values.targetReturnPercent, 1, 10_000)),
    supportHoursAvailable: take("supportHoursAvailable", whole(values.supportHoursAvailable, 0, 1_000_000)),
    channelManagerHoursAvailable: take("channelManagerHoursAvailable", whole(values.channelManagerHoursAvailable, 0, 1_000_000)),
    hoursPerPartner: blankHours ? null : take("hoursPerPartner", decimal(values.hoursPerPartner, 0.01, 10_000, 2, 100)) / 100,
    partnerScorecardsVisible: values.partnerScorecardsVisible,
  };
  return { input: Object.keys(errors).length > 0 ? null : input, errors };
}

const serverToForm: Record<string, keyof SettingsValues> = {
  defaultMarginBps: "defaultMarginPercent",
  channelManagerCostPerHourMinor: "channelManagerCostPerHour",
  healthWeights: "return_on_resources",
};

/** The server's field paths ("healthWeights.growth", "defaultMarginBps") as the form's inputs. */
export function formErrorsOf(fields: Record<string, string>): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const weight = path.startsWith("healthWeights.") ? path.slice("healthWeights.".length) : null;
    const key =
      weight && (healthComponentNames as readonly string[]).includes(weight)
        ? (weight as HealthComponentName)
        : (serverToForm[path] ?? (path in emptyValues ? (path as keyof SettingsValues) : null));
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}

const emptyValues: Record<keyof SettingsValues, true> = {
  currency: true,
  defaultMarginPercent: true,
  channelManagerCostPerHour: true,
  return_on_resources: true,
  growth: true,
  engagement: true,
  certification: true,
  support_within_allowance: true,
  healthThreshold: true,
  netWindowMonths: true,
  targetReturnPercent: true,
  supportHoursAvailable: true,
  channelManagerHoursAvailable: true,
  hoursPerPartner: true,
  partnerScorecardsVisible: true,
};

/** A family margin as typed (percent, blank = the default) to basis points; undefined when the text is not a margin. */
export function marginBpsOf(value: Typed): number | null | undefined {
  if (String(value).trim() === "") return null;
  const result = decimal(value, -100, 100, 2, 100);
  return typeof result === "number" ? result : undefined;
}
