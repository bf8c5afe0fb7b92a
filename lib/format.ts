// Display formatting shared by the dashboard. Polar amounts are integer cents.

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, compact: boolean) {
  const key = `${currency}:${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
      ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

export function formatMoney(cents: number, currency = "usd") {
  return moneyFormat(currency, false).format(cents / 100);
}

/** Short amounts for chart axes: $1.2K. */
export function formatCompactMoney(cents: number, currency = "usd") {
  return moneyFormat(currency, true).format(cents / 100);
}

const numberFormat = new Intl.NumberFormat("en-US");

export function formatNumber(value: number) {
  return numberFormat.format(value);
}

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export function formatDate(iso: string | null | undefined) {
  return iso ? dateFormat.format(new Date(iso)) : "—";
}

/** A chart period's label: "Mar 4" for days and weeks, "Mar 2026" for months. */
export function formatPeriod(iso: string, unit: "day" | "week" | "month") {
  return (unit === "month" ? monthFormat : dayFormat).format(new Date(iso));
}

export function formatInterval(interval: string | null | undefined, count = 1) {
  if (!interval) return "one-time";
  return count > 1 ? `every ${count} ${interval}s` : `/ ${interval}`;
}

/** "past_due" → "Past due". */
export function humanize(value: string) {
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
