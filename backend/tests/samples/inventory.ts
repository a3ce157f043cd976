// Copyright 2026 The IRIS authors. Licensed under the MIT licence.

/**
 * @fileoverview Stock levels for the warehouse, with typed events.
 */

import type { Sku } from "./catalog";
import { EventEmitter } from "events";

export interface StockLevel {
  sku: Sku;
  quantity: number;
  reserved?: { until: Date; by: string };
}

export type StockEvent =
  | { kind: "added"; level: StockLevel }
  | { kind: "removed"; sku: Sku };

export enum Warehouse {
  North = "north",
  South = "south",
}

const enum Limits {
  Max = 10_000,
}

declare module "events" {
  interface EventEmitter {
    stockChanged(event: StockEvent): void;
  }
}

declare const BUILD_ID: string;

export namespace Units {
  export const perPallet = 40;
  export function pallets(quantity: number): number {
    return Math.ceil(quantity / perPallet);
  }
}

function sealed(target: Function) {
  Object.seal(target);
}

@sealed
export abstract class Store<T extends StockLevel> extends EventEmitter {
  protected levels = new Map<Sku, T>();

  abstract reorder(sku: Sku): Promise<void>;

  public async add(level: T): Promise<void> {
    const capped = Math.min(level.quantity, Limits.Max) as number;
    this.levels.set(level.sku, { ...level, quantity: capped });
    this.emit("stockChanged", <StockEvent>{ kind: "added", level });
  }
}

export const totalQuantity = <T extends StockLevel>(levels: T[]): number =>
  levels.reduce((sum, level) => sum + level.quantity, 0);

export { Store as default, type StockLevel as Level };
export * from "./catalog";
