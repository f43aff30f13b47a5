import { redirect } from "next/navigation";
import { visibleNav } from "@/lib/auth/navigation";
import { currentMembership, currentSession } from "../_auth/session";

/** Home is the first section the user's role may use. */
export default async function Home() {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const first = visibleNav(await currentMembership(session))[0];
  if (first) redirect(first.href);
  return <p className="text-slate-700">You do not belong to any brand yet. Ask an admin to add you.</p>;
}
