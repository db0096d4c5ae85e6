"""A small inventory module: the kind of file people share from a playground."""
from __future__ import annotations
import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

LOW_STOCK = 5


@dataclass
class Item:
    sku: str
    name: str
    quantity: int = 0
    price_cents: int = 0
    tags: list[str] = field(default_factory=list)
    restocked: date | None = None

    @property
    def value_cents(self) -> int:
        return self.quantity * self.price_cents

    def matches(self, query: str) -> bool:
        q = query.lower()
        return q in self.name.lower() or any(q in t.lower() for t in self.tags)


class Inventory:
    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._items: dict[str, Item] = {}
        for item in items:
            self.add(item)

    def __iter__(self) -> Iterator[Item]:
        return iter(sorted(self._items.values(), key=lambda i: i.sku))

    def add(self, item: Item) -> None:
        if item.sku in self._items:
            raise ValueError(f"duplicate SKU {item.sku!r}")
        if item.quantity < 0 or item.price_cents < 0:
            raise ValueError("quantity and price must not be negative")
        self._items[item.sku] = item

    def remove(self, sku: str) -> Item:
        try:
            return self._items.pop(sku)
        except KeyError:
            raise KeyError(f"no item with SKU {sku!r}") from None

    def restock(self, sku: str, amount: int, when: date | None = None) -> None:
        if amount <= 0:
            raise ValueError("restock amount must be positive")
        item = self._items[sku]
        item.quantity += amount
        item.restocked = when or date.today()

    def sell(self, sku: str, amount: int = 1) -> int:
        item = self._items[sku]
        if amount > item.quantity:
            raise ValueError(f"only {item.quantity} of {item.name} left")
        item.quantity -= amount
        return amount * item.price_cents

    def search(self, query: str) -> list[Item]:
        return [item for item in self if item.matches(query)]

    def low_stock(self, threshold: int = LOW_STOCK) -> list[Item]:
        return [item for item in self if item.quantity <= threshold]

    def total_value_cents(self) -> int:
        return sum(item.value_cents for item in self)

    def to_json(self) -> str:
        rows = []
        for item in self:
            row = {"sku": item.sku, "name": item.name, "quantity": item.quantity}
            row["price_cents"] = item.price_cents
            row["tags"] = item.tags
            row["restocked"] = item.restocked.isoformat() if item.restocked else None
            rows.append(row)
        return json.dumps(rows, indent=2)

    @classmethod
    def from_csv(cls, path: Path) -> "Inventory":
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            items = [
                Item(
                    sku=row["sku"],
                    name=row["name"],
                    quantity=int(row.get("quantity") or 0),
                    price_cents=round(float(row.get("price") or 0) * 100),
                    tags=[t.strip() for t in (row.get("tags") or "").split(";") if t.strip()],
                )
                for row in reader
            ]
        return cls(items)
