import { PolarLink } from "@/components/external-link";
import { PANEL_SIZE } from "@/lib/dashboard/list-page";
import { organizationAccess } from "@/lib/dashboard/organization-access";
import { ordersLoader } from "@/lib/dashboard/orders";
import { productsLoader } from "@/lib/dashboard/products";

/**
 * For an organization with no products and no orders: what to do in Polar
 * first. Reads the same pages as the overview's panels (deduplicated by cache()).
 */
export async function GettingStarted({ slug }: { slug: string }) {
  const [access, productList, orderList] = await Promise.all([
    organizationAccess(slug),
    productsLoader.read(slug, { page: 1, limit: PANEL_SIZE, query: "" }),
    ordersLoader.read(slug, { page: 1, limit: PANEL_SIZE, query: "" }),
  ]);
  const empty =
    productList.ok && orderList.ok && productList.data.totalCount === 0 && orderList.data.totalCount === 0;
  if (!empty) return null;
  const name = access.ok ? access.connection.organizationName : slug;
  const steps = [
    {
      title: "Create a product",
      text: "A one-time purchase or a subscription, with its price.",
      path: "/products/new",
    },
    {
      title: "Share a checkout link",
      text: "Send customers to a Polar checkout for that product.",
      path: "/products/checkout-links",
    },
    {
      title: "Watch sales arrive here",
      text: "Orders, customers, subscriptions and revenue fill this dashboard.",
    },
  ];
  return (
    <section
      aria-labelledby="getting-started-title"
      className="rounded-2xl border border-polar-100 bg-gradient-to-br from-polar-50 to-white p-6 dark:border-polar-500/20 dark:from-polar-500/10 dark:to-zinc-900"
    >
      <h2 id="getting-started-title" className="text-lg font-semibold">
        {name} has no sales yet
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
        Three steps, all in Polar, and this dashboard comes alive.
      </p>
      <ol className="mt-5 grid gap-4 sm:grid-cols-3">
        {steps.map((step, i) => (
          <li
            key={step.title}
            className="rounded-xl bg-white p-4 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
          >
            <span className="inline-flex size-6 items-center justify-center rounded-full bg-polar-600 text-xs font-semibold text-white">
              {i + 1}
            </span>
            <p className="mt-3 font-medium">{step.title}</p>
            <p className="muted mt-1 text-sm">{step.text}</p>
            {step.path && (
              <div className="mt-2 -ml-1">
                <PolarLink slug={slug} path={step.path} label={`${step.title} in Polar`}>
                  Open Polar
                </PolarLink>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
