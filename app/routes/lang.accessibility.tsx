import type { MetaFunction } from "@remix-run/node";
import { ArticlePage } from "~/components/ArticlePage";
import { pageMeta } from "~/meta";

export const meta: MetaFunction = ({ params }) => pageMeta(params, "accessibility");

export default function AccessibilityStatement() {
  return <ArticlePage ns="accessibility" />;
}
