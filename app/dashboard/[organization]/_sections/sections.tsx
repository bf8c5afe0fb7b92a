// The organization's dashboard, section by section, in the order the overview
// shows them. Each section is a panel on the overview and, with a `tab`, a
// page of its own at /dashboard/<slug>/<segment>. The tabs, the pages and their
// titles, the overview's panels and what Refresh renews all come from this
// list: a new section is a loader (lib/dashboard/), a panel (_components/) and
// an entry here.
import { customersLoader } from "@/lib/dashboard/customers";
import { metricsLoader } from "@/lib/dashboard/metrics";
import { ordersLoader } from "@/lib/dashboard/orders";
import { productsLoader } from "@/lib/dashboard/products";
import { subscriptionsLoader } from "@/lib/dashboard/subscriptions";
import { Customers } from "../_components/customers";
import { MetricsPanel } from "../_components/metrics-panel";
import { Orders } from "../_components/orders";
import { Products } from "../_components/products";
import { Subscriptions } from "../_components/subscriptions";
import { listSection, type Section } from "./section";

export const SECTIONS: Section[] = [
  {
    segment: "metrics",
    title: "Performance",
    scope: metricsLoader.scope,
    loader: metricsLoader,
    reads: (view) => (view.kind === "overview" ? [metricsLoader.key({ period: view.period })] : []),
    Panel: MetricsPanel,
  },
  listSection({
    segment: "orders",
    title: "Orders",
    overviewTitle: "Recent orders",
    loader: ordersLoader,
    List: Orders,
    tab: { description: "Every purchase and renewal, newest first." },
  }),
  listSection({
    segment: "subscriptions",
    title: "Subscriptions",
    overviewTitle: "Subscriptions",
    loader: subscriptionsLoader,
    List: Subscriptions,
    tab: { description: "Recurring customers, most recent first." },
  }),
  listSection({
    segment: "products",
    title: "Products",
    overviewTitle: "Products",
    loader: productsLoader,
    List: Products,
    tab: { description: "Everything on sale, with its prices.", searchLabel: "Search products" },
  }),
  listSection({
    segment: "customers",
    title: "Customers",
    overviewTitle: "Newest customers",
    loader: customersLoader,
    List: Customers,
    tab: { description: "Everyone who bought, newest first.", searchLabel: "Search by name or email" },
  }),
];
