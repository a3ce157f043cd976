#!/usr/bin/env python3
"""Keeps a small stock inventory and reports what to reorder.

Quantities live in memory; nothing is written to disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

REORDER_LEVEL = 5
SUPPLIERS: dict[str, str] = {}


@dataclass
class Item:
    name: str
    quantity: int = 0
    tags: list[str] = field(default_factory=list)


class Inventory:
    """Items by name, with stock movements."""

    def __init__(self):
        self.items = {}

    def add(self, item):
        self.items[item.name] = item


def load(path):
    with open(path) as handle:
        return parse(handle.read())


def parse(text):
    return [Item(**row) for row in json.loads(text)]


def report(inventory):
    """Names of the items that need reordering."""
    return [name for name, item in inventory.items.items() if item.quantity < REORDER_LEVEL]


print("inventory module loaded")

if __name__ == "__main__":
    print(report(Inventory()))
