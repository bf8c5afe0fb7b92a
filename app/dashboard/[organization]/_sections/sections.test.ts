// A section with its own tab takes three things: a loader, a panel and one
// entry in the list. Its tab, its page (and title), its panel on the overview
// and what Refresh renews for it follow from the list; a segment with a dash
// is a page like any other.
import { describe, expect, it } from "vitest";
import { listRead, PAGE_SIZE, PANEL_SIZE } from "@/lib/dashboard/list-page";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { listSection, sectionAt, tabsOf, viewOf, viewReads } from "./section";
import { SECTIONS } from "./sections";

// 1. The loader (lib/dashboard/): the customers who spent the most.
const topCustomersLoader = listRead({
  name: "top-customers",
  scope: READ_SCOPES.customers,
  list: (polar, organizationId, { page, limit }) =>
    polar.customers.list({ organization_id: organizationId, page, limit, sorting: ["-created_at"] }),
  organizationOf: (customer) => customer.organization_id,
  toRow: (customer) => ({ id: customer.id, email: customer.email }),
});

// 2. The panel (_components/): its rows.
const TopCustomers = async () => null;

// 3. The entry.
const topCustomers = listSection({
  segment: "top-customers",
  title: "Top customers",
  overviewTitle: "Top customers",
  loader: topCustomersLoader,
  List: TopCustomers,
  tab: { description: "The customers who spent the most." },
});
const sections = [...SECTIONS, topCustomers];

describe("a section added to the list", () => {
  it("gets a tab after the others, and a page with its title", () => {
    expect(tabsOf(sections).map((section) => section.segment)).toEqual([
      ...tabsOf(SECTIONS).map((section) => section.segment),
      "top-customers",
    ]);
    expect(sectionAt(sections, "top-customers")?.title).toBe("Top customers");
    expect(sectionAt(SECTIONS, "top-customers")).toBeUndefined();
  });

  it("shows on the overview, whose Refresh renews its first rows", () => {
    const reads = viewReads(sections, "", viewOf("", {}));
    expect(reads).toContainEqual(["top-customers", 1, PANEL_SIZE, ""]);
    expect(reads).toHaveLength(viewReads(SECTIONS, "", viewOf("", {}))!.length + 1);
  });

  it("has a page whose Refresh renews the page shown", () => {
    const view = viewOf("top-customers", { page: "2", query: "ignored: not searchable" });
    expect(viewReads(sections, "top-customers", view)).toEqual([["top-customers", 2, PAGE_SIZE, ""]]);
  });
});

describe("the sections of the starter", () => {
  it("are the overview's performance panel and four lists with tabs", () => {
    expect(SECTIONS.map((section) => section.segment)).toEqual([
      "metrics",
      "orders",
      "subscriptions",
      "products",
      "customers",
    ]);
    expect(tabsOf(SECTIONS).map((section) => section.segment)).toEqual([
      "orders",
      "subscriptions",
      "products",
      "customers",
    ]);
    expect(viewReads(SECTIONS, "metrics", viewOf("metrics", {}))).toBeUndefined();
    expect(viewReads(SECTIONS, "nope", viewOf("nope", {}))).toBeUndefined();
  });
});
