import { SubscriptionList } from "@/components/organization/resource-lists";
import { ListPage, type ListRouteProps } from "../list-page";

export const metadata = { title: "Subscriptions" };

export default function SubscriptionsPage(props: ListRouteProps) {
  return (
    <ListPage {...props} tab="subscriptions" title="Subscriptions" description="Recurring customers, most recent first." List={SubscriptionList} />
  );
}
