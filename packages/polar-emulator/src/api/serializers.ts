// Seed records → Polar's API objects. Typed with @polar-sh/sdk's models so the
// compiler holds every response to the shape the official SDK expects.
import type { models } from "@polar-sh/sdk/2026-10";
import type { SeedCustomer, SeedOrder, SeedPrice, SeedProduct, SeedSubscription } from "../data/catalogue.ts";
import type { SeedOrganization } from "../data/seed.ts";
import type { Dataset } from "../data/dataset.ts";

type Country = models.CountryAlpha2;

export function serializeOrganization(org: SeedOrganization, ssoEnforced = false): models.Organization {
  const onboarded = org.website !== null;
  return {
    created_at: org.created_at,
    modified_at: null,
    id: org.id,
    name: org.name,
    slug: org.slug,
    avatar_url: null,
    proration_behavior: "prorate",
    allow_customer_updates: true,
    email: org.email,
    website: org.website,
    socials: org.website ? [{ platform: "github", url: `https://github.com/${org.slug}` }] : [],
    status: onboarded ? "active" : "created",
    details_submitted_at: onboarded ? org.created_at : null,
    onboarding_resubmission_requested_at: null,
    sso_enforced: ssoEnforced,
    default_presentment_currency: "usd",
    default_tax_behavior: "location",
    feature_settings: {},
    subscription_settings: {
      allow_multiple_subscriptions: false,
      proration_behavior: "prorate",
      benefit_revocation_grace_period: 0,
      prevent_trial_abuse: false,
      allow_customer_updates: true,
    },
    customer_email_settings: {
      order_confirmation: true,
      payment_method_expiration_reminder: true,
      subscription_cancellation: true,
      subscription_confirmation: true,
      subscription_cycled: true,
      subscription_cycled_after_trial: true,
      subscription_past_due: true,
      subscription_paused: true,
      subscription_resumed: true,
      subscription_renewal_reminder: true,
      subscription_revoked: true,
      subscription_trial_conversion_reminder: true,
      subscription_uncanceled: true,
      subscription_updated: true,
    },
    customer_portal_settings: {
      usage: { show: true },
      subscription: { update_seats: true, update_plan: true },
    },
    dispute_settings: { auto_accept_below_amount: null },
    embed_hosts: [],
    country: org.country as Country,
    account_id: null,
    payout_account_id: null,
    capabilities: {
      checkout_payments: onboarded,
      subscription_renewals: onboarded,
      payouts: onboarded,
      refunds: onboarded,
      api_access: true,
      dashboard_access: true,
    },
  };
}

function serializePrice(product: SeedProduct, price: SeedPrice): models.ProductPrice {
  const base = {
    created_at: product.created_at,
    modified_at: null,
    id: price.id,
    source: "catalog" as const,
    price_currency: price.price_currency,
    tax_behavior: null,
    is_archived: false,
    product_id: product.id,
  };
  if (price.amount_type === "custom") {
    return {
      ...base,
      amount_type: "custom",
      minimum_amount: price.minimum_amount,
      maximum_amount: null,
      preset_amount: price.preset_amount,
    };
  }
  return { ...base, amount_type: "fixed", price_amount: price.price_amount };
}

function productBase(product: SeedProduct) {
  return {
    id: product.id,
    created_at: product.created_at,
    modified_at: null,
    trial_interval: null,
    trial_interval_count: null,
    name: product.name,
    description: product.description,
    visibility: product.visibility,
    recurring_interval: product.recurring_interval,
    recurring_interval_count: product.recurring_interval ? 1 : null,
    meter_interval: null,
    meter_interval_count: null,
    is_recurring: product.recurring_interval !== null,
    is_archived: product.is_archived,
    organization_id: product.organization_id,
    metadata: {},
  } satisfies models.OrderProduct;
}

export function serializeProduct(product: SeedProduct): models.Product {
  return {
    ...productBase(product),
    is_deletable: false,
    prices: product.prices.map((price) => serializePrice(product, price)),
    benefits: [],
    medias: [],
    attached_custom_fields: [],
  };
}

export function serializeCustomer(customer: SeedCustomer): models.CustomerIndividual {
  return {
    id: customer.id,
    created_at: customer.created_at,
    modified_at: null,
    metadata: {},
    external_id: customer.external_id,
    email: customer.email,
    email_verified: true,
    type: "individual",
    name: customer.name,
    billing_name: customer.name,
    billing_address: { country: customer.country as Country, city: customer.city },
    tax_id: null,
    locale: "en",
    organization_id: customer.organization_id,
    default_payment_method_id: null,
    deleted_at: null,
    first_user_event_at: null,
    avatar_url: null,
  };
}

function subscriptionBase(subscription: SeedSubscription) {
  const trialing = subscription.status === "trialing";
  return {
    created_at: subscription.created_at,
    modified_at: subscription.canceled_at,
    id: subscription.id,
    amount: subscription.amount,
    currency: subscription.currency,
    recurring_interval: subscription.recurring_interval,
    recurring_interval_count: 1,
    status: subscription.status,
    current_period_start: subscription.current_period_start,
    current_period_end: subscription.current_period_end,
    current_meter_period_start: null,
    current_meter_period_end: null,
    trial_start: trialing ? subscription.current_period_start : null,
    trial_end: trialing ? subscription.current_period_end : null,
    cancel_at_period_end: subscription.cancel_at_period_end,
    canceled_at: subscription.canceled_at,
    started_at: subscription.started_at,
    ends_at: subscription.cancel_at_period_end ? subscription.current_period_end : subscription.ended_at,
    ended_at: subscription.ended_at,
    past_due_at: subscription.status === "past_due" ? subscription.current_period_start : null,
    pause_at_period_end: false,
    paused_at: null,
    resumes_at: null,
    customer_id: subscription.customer_id,
    product_id: subscription.product_id,
    discount_id: null,
    checkout_id: null,
    seats: null,
    units: null,
    customer_cancellation_reason: subscription.canceled_at ? ("too_expensive" as const) : null,
    customer_cancellation_comment: null,
    metadata: {},
  } satisfies models.OrderSubscription;
}

function productOf(data: Dataset, id: string): SeedProduct {
  const product = data.findProduct(id);
  if (!product) throw new Error(`seed: unknown product ${id}`);
  return product;
}

function customerOf(data: Dataset, id: string): SeedCustomer {
  const customer = data.findCustomer(id);
  if (!customer) throw new Error(`seed: unknown customer ${id}`);
  return customer;
}

export function serializeSubscription(subscription: SeedSubscription, data: Dataset): models.Subscription {
  const product = productOf(data, subscription.product_id);
  return {
    ...subscriptionBase(subscription),
    custom_field_data: {},
    customer: serializeCustomer(customerOf(data, subscription.customer_id)),
    product: serializeProduct(product),
    discount: null,
    prices: product.prices.map((price) => serializePrice(product, price)),
    meters: [],
    pending_update: null,
  };
}

export function serializeOrder(order: SeedOrder, data: Dataset): models.Order {
  const product = productOf(data, order.product_id);
  const customer = customerOf(data, order.customer_id);
  const subscription = data.findSubscription(order.subscription_id);
  const total = order.subtotal_amount + order.tax_amount;
  const refunded = order.status === "refunded";
  const label = product.recurring_interval
    ? `${product.name} — ${order.billing_reason === "subscription_cycle" ? "renewal" : "subscription"}`
    : product.name;
  return {
    id: order.id,
    created_at: order.created_at,
    modified_at: null,
    status: order.status,
    paid: true,
    subtotal_amount: order.subtotal_amount,
    discount_amount: 0,
    net_amount: order.subtotal_amount,
    tax_amount: order.tax_amount,
    total_amount: total,
    applied_balance_amount: 0,
    due_amount: 0,
    refunded_amount: refunded ? order.subtotal_amount : 0,
    refunded_tax_amount: refunded ? order.tax_amount : 0,
    currency: order.currency,
    billing_reason: order.billing_reason,
    billing_name: customer.name,
    billing_address: { country: customer.country as Country, city: customer.city },
    invoice_number: order.invoice_number,
    is_invoice_generated: true,
    receipt_number: order.invoice_number.replace(/-/, "-R"),
    seats: null,
    units: null,
    customer_id: order.customer_id,
    product_id: order.product_id,
    discount_id: null,
    subscription_id: order.subscription_id,
    checkout_id: null,
    next_payment_attempt_at: null,
    metadata: {},
    custom_field_data: {},
    platform_fee_amount: Math.round(order.subtotal_amount * 0.04) + 40,
    platform_fee_currency: order.currency,
    customer: serializeCustomer(customer),
    product: productBase(product),
    discount: null,
    subscription: subscription ? subscriptionBase(subscription) : null,
    items: [
      {
        created_at: order.created_at,
        modified_at: null,
        id: order.id.replace(/^.{8}/, "0a0a0a0a"),
        label,
        amount: order.subtotal_amount,
        tax_amount: order.tax_amount,
        proration: false,
        product_price_id: order.price_id,
        start_timestamp: subscription ? order.created_at : null,
        end_timestamp: null,
      },
    ],
    description: label,
    refundable_amount: refunded ? 0 : order.subtotal_amount,
    refundable_tax_amount: refunded ? 0 : order.tax_amount,
  };
}
