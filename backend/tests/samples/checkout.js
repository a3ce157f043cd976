/**
 * Checkout helpers: prices, discount codes and the order summary.
 */
'use strict';

import { formatMoney } from "./money.js";
import config, { currency } from './config.js';
const { readFile } = require("fs/promises");

const CODE_PATTERN = /^[A-Z]{3}-\d{2}[}'"]?$/i;
const DEFAULTS = {
  currency: "EUR",
  labels: { total: "Total: {amount}", note: 'Don\'t forget' },
};
let orderCount = 0;

/** Whether a discount code looks valid. */
function isValidCode(code) {
  return CODE_PATTERN.test(code) && code.length / 2 > 3;
}

export async function loadCodes(path) {
  const text = await readFile(path, "utf8");
  return text.split(/\n/).filter(isValidCode);
}

function* lineItems(order) {
  for (const item of order.items) {
    yield `${item.name}: ${formatMoney(item.price, `${currency}`)} {braces}`;
  }
}

export const summarize = (order) => {
  orderCount += 1;
  const lines = [...lineItems(order)];
  return lines.join("\n") + DEFAULTS.labels.total;
};

export class Cart {
  constructor() {
    this.items = [];
  }

  add(item) {
    this.items.push(item);
  }

  get total() {
    return this.items.reduce((sum, item) => sum + item.price, 0);
  }
}

console.log(`checkout ready: ${config.name}`);

export default Cart;
