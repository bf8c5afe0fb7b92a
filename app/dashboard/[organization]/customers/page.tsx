import { Customers } from "../_components/customers";
import { ListPage, type ListRouteProps } from "../_components/list-page";

export const metadata = { title: "Customers" };

export default function CustomersPage(props: ListRouteProps) {
  return (
    <ListPage
      {...props}
      tab="customers"
      title="Customers"
      description="Everyone who bought, newest first."
      searchLabel="Search by name or email"
      List={Customers}
    />
  );
}
