import React, { forwardRef, memo, useState } from "react";
import styled, { css } from "styled-components";
import { Select } from "./Select";

type Option = { id: string; label: string };

interface MenuProps {
  options: Option[];
  onPick: (option: Option | false) => void;
}

const Panel = styled.div<{ open: boolean }>`
  display: flex;
${({ open }) =>
  open &&
  css`
    border: 1px solid #ccc;
`}
`;

/**
 * The menu a signed-in user opens from the header.
 */

// eslint-disable-next-line react/display-name
export const UserMenu = ({ options, onPick }: MenuProps) => {
  const [open, setOpen] = useState(false);
  return (
    <Panel open={open} onClick={() => setOpen(!open)}>
      <Select<Option | false>
        items={options}
        onChange={(picked) => onPick(picked)}
      />
    </Panel>
  );
};

/** A round picture of the user, or their initials. */
const Avatar = memo(function Avatar({ name }: { name: string }) {
  return <span className="avatar">{name.slice(0, 2)}</span>;
});

export const MenuButton = forwardRef<HTMLButtonElement, { label: string }>(
  ({ label }, ref) => <button ref={ref}>{label}</button>,
);

export {
  Avatar,
  MenuButton as Button,
};
