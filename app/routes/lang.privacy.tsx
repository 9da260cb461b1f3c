import type { MetaFunction } from "@remix-run/node";
import { ArticlePage } from "~/components/ArticlePage";
import { pageMeta } from "~/meta";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "privacy");

export default function PrivacyNotice() {
  return <ArticlePage ns="privacy" />;
}
