// @ts-check
// HTTP GET for the tests (node:http: fetch refuses port 5060, where Kamailio serves /metrics).
import { get } from "node:http";

/**
 * GET `path` from host:port; resolves status, content type and body.
 * @param {{ host: string, port: number }} at @param {string} path
 * @returns {Promise<{ status: number | undefined, type: string | undefined, body: string }>}
 */
export function httpGet({ host, port }, path) {
  return new Promise((resolve, reject) => {
    get({ host, port, path, timeout: 5000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode, type: response.headers["content-type"], body }));
    }).on("error", reject);
  });
}
