import { NotFoundCard } from "../_components/not-found-card";

/**
 * `notFound()` on an item page (an unknown id, or one in another brand) lands here, inside the
 * app's shell so the navigation stays. The pages stream (loading.tsx), so the status is sent
 * before the page knows: Next.js answers 200 with a `noindex` robots tag rather than 404.
 */
export default function AppNotFound() {
  return <NotFoundCard />;
}
