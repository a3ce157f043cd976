"""Summarises a day's orders from a CSV export into a short report."""

import argparse
import csv
import sys

TAX_RATE = 0.2


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Daily order report")
    parser.add_argument("path")
    parser.add_argument("--currency", default="EUR")
    return parser.parse_args(argv)


def load_orders(path):
    """Reads the orders of one day from the shop's CSV export."""
    with open(path, newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["status"] != "cancelled"]


def order_total(order):
    return float(order["price"]) * int(order["quantity"])


def summarize(orders):
    """Totals the orders, before and after tax."""
    net = sum(order_total(order) for order in orders)
    return {"count": len(orders), "net": net, "gross": net * (1 + TAX_RATE)}


def format_report(summary, currency):
    return (
        f"{summary['count']} orders\n"
        f"net {summary['net']:.2f} {currency}\n"
        f"gross {summary['gross']:.2f} {currency}\n"
    )


def register_feature_to_web(registry):
    registry.setdefault("web", []).append("report")


def register_feature_to_cli(registry):
    registry.setdefault("cli", []).append("report")


def register_feature_to_api(registry):
    registry.setdefault("api", []).append("report")


def main(argv=None):
    args = parse_args(argv)
    summary = summarize(load_orders(args.path))
    sys.stdout.write(format_report(summary, args.currency))


if __name__ == "__main__":
    main()
