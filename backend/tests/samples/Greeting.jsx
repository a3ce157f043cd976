import React, { useState } from "react";
import PropTypes from "prop-types";

const styles = {
  card: { padding: 8, border: "1px solid #ccc" },
};

function Avatar({ user }) {
  return <img src={user.avatar} alt={`${user.name}'s avatar`} style={styles.card} />;
}

// Greets the signed-in user, or asks them to sign in.
export default function Greeting({ user, onSignIn }) {
  const [open, setOpen] = useState(false);
  if (!user) {
    return (
      <button onClick={onSignIn} title="Sign in {now}">
        Don't have an account? Sign in / register
      </button>
    );
  }
  return (
    <>
      <Avatar user={user} />
      <p className="greeting">
        Hello, {user.name}! You've got {user.unread > 9 ? "9+" : user.unread} messages {"}"}
        {/* a comment with { braces } and it's fine */}
        {open && <span>Details: {user.email}</span>}
      </p>
      <a href="#" onClick={() => setOpen(!open)}>{open ? "less" : "more"}</a>
    </>
  );
}

Greeting.propTypes = {
  user: PropTypes.object,
  onSignIn: PropTypes.func.isRequired,
};
