import React, { useCallback, useEffect, useMemo, useState } from "react";
import styled from "styled-components";

type Task = { id: string; title: string; done: boolean; dueAt?: string };

/** A board of tasks: filter them, tick them off and add new ones. */
export function TaskBoard({ tasks, onSave }: { tasks: Task[]; onSave: (tasks: Task[]) => void }) {
  const [items, setItems] = useState<Task[]>(tasks);
  const [filter, setFilter] = useState<"all" | "open" | "done">("all");
  const [draft, setDraft] = useState("");

  useEffect(() => {
    setItems(tasks);
  }, [tasks]);

  const visibleTasks = useMemo(() => {
    if (filter === "all") return items;
    return items.filter((task) => (filter === "done" ? task.done : !task.done));
  }, [items, filter]);

  const handleToggle = useCallback(
    (id: string) => {
      const next = items.map((task) => (task.id === id ? { ...task, done: !task.done } : task));
      setItems(next);
      onSave(next);
    },
    [items, onSave],
  );

  const handleAdd = useCallback(() => {
    if (!draft.trim()) return;
    const next = [...items, { id: String(Date.now()), title: draft.trim(), done: false }];
    setItems(next);
    setDraft("");
    onSave(next);
  }, [draft, items, onSave]);

  return (
    <Board>
      <div className="task-filters">
        {(["all", "open", "done"] as const).map((name) => (
          <button key={name} aria-pressed={filter === name} onClick={() => setFilter(name)}>
            {name}
          </button>
        ))}
        <span>{visibleTasks.length} shown</span>
      </div>
      <ul className="task-list">
        {visibleTasks.map((task) => (
          <li key={task.id}>
            <label>
              <input type="checkbox" checked={task.done} onChange={() => handleToggle(task.id)} />
              {task.title}
            </label>
            {task.dueAt && <time dateTime={task.dueAt}>{task.dueAt}</time>}
          </li>
        ))}
      </ul>
      <form className="new-task" onSubmit={(event) => { event.preventDefault(); handleAdd(); }}>
        <input value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit">Add</button>
        <small>Press Enter to add the task to the board</small>
      </form>
    </Board>
  );
}

const Board = styled.section`
  display: grid;
  gap: 12px;
  padding: 16px;
  border-radius: 8px;
`;
