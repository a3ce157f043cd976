/** A sortable board of cards for the project view. */

import * as React from "react";
import type { ReactNode } from "react";

interface Card {
  id: string;
  title: string;
}

type Props<T> = { items: T[]; render: (item: T) => ReactNode };

export const sortBy = <T,>(items: T[], key: keyof T): T[] =>
  [...items].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));

export function List<T extends Card>({ items, render }: Props<T>) {
  return <ul>{sortBy(items, "title").map((item) => <li key={item.id}>{render(item)}</li>)}</ul>;
}

export default function Board({ cards }: { cards: Card[] }): JSX.Element {
  const empty = cards.length === 0;
  return (
    <section data-empty={empty}>
      {empty ? <em>No cards yet; add one -></em> : <List items={cards} render={(card) => <b>{card.title}</b>} />}
    </section>
  );
}
