// Dialled numbers to E.164 digits (country code first, no "+"), the form rate prefixes use.

/** How a deployment's callers dial: the country they dial from and its prefixes. */
export interface NumberingPlan {
  /** Country code of the callers, e.g. "86" (China), "1" (NANP), "44" (UK). */
  countryCode: string;
  /** Prefix for a call abroad, e.g. "00" (ITU, China, Europe) or "011" (NANP); "" for none. */
  internationalPrefix: string;
  /** Trunk prefix of national numbers, e.g. "0" (China, UK) or "1" (NANP); "" for none. */
  nationalPrefix: string;
}

/** E.164 numbers have at most 15 digits (country code included). */
const MAX_E164_DIGITS = 15;
/** string.byte of "+" and "0". */
const PLUS = 43;
const ZERO = 48;

/**
 * The E.164 digits of a dialled number, or undefined when it is not a dialable number.
 * The rules, in this order:
 * 1. Visual separators are dropped: space, "-", ".", "(" and ")" (RFC 3966's, plus space).
 * 2. What remains must be digits, optionally after one leading "+"; anything else (letters,
 *    "*", "#", a "+" elsewhere) is not a dialable number: undefined. So is a number that is
 *    nothing but its prefix ("", "+", "00", "0").
 * 3. "+" then digits: the digits are already international (country code first).
 * 4. Else the international prefix ("00"), checked before the national prefix since "0" is a
 *    prefix of "00": what follows it is international.
 * 5. Else the national prefix ("0"): it is replaced by the plan's country code.
 * 6. Else a national number dialled without the trunk prefix (a Chinese mobile number,
 *    13545769997): the country code is put in front. A number that starts with the country
 *    code but has neither "+" nor "00" is national too (8613... becomes 868613...).
 * 7. The result must be 1 to 15 digits and must not start with "0" (no country code does).
 * For countryCode "86", internationalPrefix "00", nationalPrefix "0": "+8613545769997",
 * "008613545769997", "13545769997" and "+86 135-4576-9997" all give "8613545769997", and
 * "01089672389" gives "861089672389".
 */
export function normaliseNumber(dialled: string, plan: NumberingPlan): string | undefined {
  const [digits] = string.gsub(dialled, "[ %-%.%(%)]", "");
  const international = plan.internationalPrefix;
  const national = plan.nationalPrefix;
  let countryCode = plan.countryCode;
  let rest: string;
  if (string.byte(digits, 1) === PLUS) {
    countryCode = "";
    rest = string.sub(digits, 2);
  } else if (international !== "" && string.sub(digits, 1, international.length) === international) {
    countryCode = "";
    rest = string.sub(digits, international.length + 1);
  } else if (national !== "" && string.sub(digits, 1, national.length) === national) {
    rest = string.sub(digits, national.length + 1);
  } else {
    rest = digits;
  }
  // rest: at least one digit and nothing else (no second "+", no letters, not empty)
  if (string.find(rest, "^%d+$")[0] === undefined) return undefined;
  const e164 = countryCode + rest;
  if (e164.length > MAX_E164_DIGITS || string.byte(e164, 1) === ZERO) return undefined;
  return e164;
}
