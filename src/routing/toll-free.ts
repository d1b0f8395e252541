/**
 * An 800 number, as dialled: "800" then digits, with or without the country code written "+1"
 * ("8005551234", "+18005551234"). A bare "1800..." is not one: a national number elsewhere
 * may begin so (China's 180 mobile numbers do).
 */
export function isTollFree(number: string): boolean {
  const national = string.sub(number, 1, 2) === "+1" ? string.sub(number, 3) : number;
  return string.sub(national, 1, 3) === "800" && string.find(national, "^%d+$")[0] !== undefined;
}
