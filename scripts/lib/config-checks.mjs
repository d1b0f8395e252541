// @ts-check
// What the deployment config's validators share: the problem list ("field: message") and the
// value checks.

/** @param {unknown} value */
export const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
/** @param {unknown} value @param {number} min @param {number} max */
export const isIntIn = (value, min, max) => Number.isInteger(value) && /** @type {number} */ (value) >= min && /** @type {number} */ (value) <= max;

/** Collects problems as "field: message" while the validators walk the config. */
export class Problems {
  /** @type {string[]} */ list = [];
  /** @param {string} field @param {string} message */
  add(field, message) {
    this.list.push(`${field}: ${message}`);
  }
  /** @param {Record<string, unknown>} object @param {string} field @param {string[]} allowed */
  unknownKeys(object, field, allowed) {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.add(field ? `${field}.${key}` : key, `unknown field (allowed: ${allowed.join(", ")})`);
    }
  }
  /** @param {unknown} value @param {string} field @returns {unknown[]} */
  asList(value, field, { nonEmpty = false } = {}) {
    if (!Array.isArray(value)) {
      this.add(field, "must be a list");
      return [];
    }
    if (nonEmpty && value.length === 0) this.add(field, "must not be empty");
    return value;
  }
}
