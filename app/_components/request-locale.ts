import { headers } from "next/headers";
import { localeFromAcceptLanguage } from "./format-date-time";

/** The locale the reader's browser asked for, for dates formatted on the server (reads the request). */
export async function requestLocale(): Promise<string> {
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}
