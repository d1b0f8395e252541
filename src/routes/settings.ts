// Deployment settings that reach the Lua as cfg defines (scripts/lib/kamailio-run.mjs renders
// them from the deployment config). Defines never change while Kamailio runs, so each worker
// reads them once, on its first call (KSR is not callable while the script loads).
import type { NumberingPlan } from "../billing/numbering";

export interface BillingSettings {
  numbering: NumberingPlan;
  utcOffsetSeconds: number;
  defaultPlan: string;
  maxCallSeconds: number;
  maxConcurrentCalls: number;
  spendWarning: number;
  spendCritical: number;
  /** CDRs in PostgreSQL (define CDR_POSTGRES), and so prepaid balances too; else SQLite and Redis. */
  cdrPostgres: boolean;
  /** fraud.failMode "open": new calls go on when a fraud check cannot be made (src/fraud/quorum.ts). */
  fraudFailsOpen: boolean;
}

let cached: BillingSettings | undefined;

/** A string define without its quotes (get_def returns it as written); "" when undefined. */
export function stringDefine(name: string): string {
  const value = KSR.kx.get_def(name);
  if (type(value) !== "string") return "";
  const [unquoted] = string.gsub(value as string, '^"(.*)"$', "%1");
  return unquoted;
}

export function billingSettings(): BillingSettings {
  if (cached !== undefined) return cached;
  cached = {
    numbering: {
      countryCode: stringDefine("COUNTRY_CODE"),
      internationalPrefix: stringDefine("INTERNATIONAL_PREFIX"),
      nationalPrefix: stringDefine("NATIONAL_PREFIX"),
    },
    utcOffsetSeconds: KSR.kx.get_defn("UTC_OFFSET_SECONDS"),
    defaultPlan: stringDefine("DEFAULT_RATE_PLAN"),
    maxCallSeconds: KSR.kx.get_defn("MAX_CALL_SECONDS"),
    maxConcurrentCalls: KSR.kx.get_defn("MAX_CONCURRENT_CALLS"),
    spendWarning: KSR.kx.get_defn("SPEND_WARNING"),
    spendCritical: KSR.kx.get_defn("SPEND_CRITICAL"),
    cdrPostgres: KSR.kx.get_defn("CDR_POSTGRES") === 1,
    fraudFailsOpen: KSR.kx.get_defn("FRAUD_FAIL_OPEN") === 1,
  };
  return cached;
}
