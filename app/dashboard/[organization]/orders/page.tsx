import { Orders } from "../_components/orders";
import { ListPage, type ListRouteProps } from "../_components/list-page";

export const metadata = { title: "Orders" };

export default function OrdersPage(props: ListRouteProps) {
  return (
    <ListPage
      {...props}
      tab="orders"
      title="Orders"
      description="Every purchase and renewal, newest first."
      List={Orders}
    />
  );
}
