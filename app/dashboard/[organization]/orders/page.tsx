import { OrderList } from "@/components/organization/resource-lists";
import { ListPage, type ListRouteProps } from "../list-page";

export const metadata = { title: "Orders" };

export default function OrdersPage(props: ListRouteProps) {
  return <ListPage {...props} tab="orders" title="Orders" description="Every purchase and renewal, newest first." List={OrderList} />;
}
