// Parses the tiny key=value settings files the build scripts read.
const fs = require("fs");

function parseSettings(text)
{
  const settings = {};
  for (const line of text.split("\n"))
  {
    const [key, value] = line.split("=");
    settings[key.trim()] = value.trim();
  }
  return settings;
}

function readSettings(path)
{
  return parseSettings(fs.readFileSync(path, "utf8"));
}

module.exports = { readSettings };
