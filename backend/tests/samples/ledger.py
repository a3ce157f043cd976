"""Keeps a household ledger: entries, balances per account and monthly exports."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date
from typing import overload


class Ledger:
    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency
        self.entries: list[dict] = []
        self.accounts: dict[str, float] = defaultdict(float)
        self.closed_months: set[str] = set()

    def record_income(self, account: str, amount: float, day: date) -> None:
        """Adds money to an account, unless its month is closed."""
        self._check_open(day)
        self._append(account, amount, day, "income")

    def record_expense(self, account: str, amount: float, day: date) -> None:
        """Takes money from an account, unless its month is closed."""
        self._check_open(day)
        self._append(account, -amount, day, "expense")

    def _append(self, account: str, amount: float, day: date, kind: str) -> None:
        self.entries.append({"account": account, "amount": amount, "day": day, "kind": kind})
        self.accounts[account] += amount

    def _check_open(self, day: date) -> None:
        if day.strftime("%Y-%m") in self.closed_months:
            raise ValueError(f"{day:%B %Y} is closed")

    def close_month(self, month: str) -> None:
        """Freezes a month: no entry may be recorded in it any more."""
        self.closed_months.add(month)

    def reopen_month(self, month: str) -> None:
        """Lets entries be recorded in a closed month again, to correct it."""
        self.closed_months.discard(month)

    def balance(self, account: str) -> float:
        return round(self.accounts[account], 2)

    def total_balance(self) -> float:
        return round(sum(self.accounts.values()), 2)

    def monthly_totals(self) -> dict[str, float]:
        """Income less expenses, month by month."""
        totals: dict[str, float] = defaultdict(float)
        for entry in self.entries:
            totals[entry["day"].strftime("%Y-%m")] += entry["amount"]
        return dict(totals)

    def largest_expenses(self, count: int = 5) -> list[dict]:
        expenses = [entry for entry in self.entries if entry["kind"] == "expense"]
        return sorted(expenses, key=lambda entry: entry["amount"])[:count]

    def export_csv(self, path: str) -> None:
        """Writes every entry to a CSV file, one row each."""
        with open(path, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["account", "amount", "day", "kind"])
            writer.writeheader()
            writer.writerows(self.entries)

    def export_json(self, path: str) -> None:
        """Writes every entry to a JSON file, dates as ISO strings."""
        with open(path, "w") as handle:
            json.dump(self.entries, handle, default=str, indent=2)


@overload
def parse_amount(text: str) -> float: ...
@overload
def parse_amount(text: None) -> None: ...
def parse_amount(text: str | None) -> float | None:
    """Reads an amount written with a comma or a point as decimal mark."""
    if text is None:
        return None
    return float(text.replace(",", "."))
