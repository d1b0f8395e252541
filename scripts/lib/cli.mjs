// @ts-check
// Command-line options of the npm scripts (`npm start -- --config FILE`).
import { join } from "node:path";
import { ConfigError } from "./deployment-config.mjs";

/** The value after `--name`, or undefined when the option is absent. @param {string[]} argv @param {string} name */
export function optionValue(argv, name) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  if (!argv[i + 1]) throw new ConfigError(`--${name}`, ["needs a value"]);
  return argv[i + 1];
}

/** The deployment config file: --config, else $KAMAILIO_TS_CONFIG, else kamailio/deployment.json. @param {string[]} argv @param {string} root */
export function configFileFromArgs(argv, root) {
  return optionValue(argv, "config") ?? (process.env.KAMAILIO_TS_CONFIG || join(root, "kamailio/deployment.json"));
}
