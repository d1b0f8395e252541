// PROVISIONAL (replaced by the rates branch): one mtree value = "prefix|destination|id,connect,price,unit,first,next".
import type { Rate } from "./rate";

export interface RateEntry {
  prefix: string;
  destination: string;
  rates: Rate[];
}

export function decodeRateEntry(value: string): RateEntry | undefined {
  const [prefix, destination, id, connect, price, unit, first, next] = string.match(
    value,
    "^(%d*)|([^|]*)|([^,]+),(%d+),(%d+),(%d+),(%d+),(%d+)$",
  );
  if (prefix === undefined || destination === undefined || id === undefined) return undefined;
  const rate: Rate = {
    id,
    connectFee: tonumber(connect) ?? 0,
    price: tonumber(price) ?? 0,
    unitSeconds: tonumber(unit) ?? 1,
    firstIncrement: tonumber(first) ?? 1,
    nextIncrement: tonumber(next) ?? 1,
  };
  return { prefix, destination, rates: [rate] };
}
