import { Subscriptions } from "../_components/subscriptions";
import { ListPage, type ListRouteProps } from "../_components/list-page";

export const metadata = { title: "Subscriptions" };

export default function SubscriptionsPage(props: ListRouteProps) {
  return (
    <ListPage
      {...props}
      tab="subscriptions"
      title="Subscriptions"
      description="Recurring customers, most recent first."
      List={Subscriptions}
    />
  );
}
