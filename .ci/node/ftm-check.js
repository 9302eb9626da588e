// ftm-check.js FILE: loads every FollowTheMoney entity of FILE (one JSON
// object a line) with the reference model, @alephdata/followthemoney, and
// checks that each schema exists and is not abstract, that each property
// belongs to its schema, that each value fits the property's type (dates,
// addresses on the web, codes of languages and countries, lengths), and
// that every entity a property points at is in the file. It prints
// "ok: N entities" or every problem, and exits 1 on any.
"use strict";
const fs = require("fs");
const ftm = require("@alephdata/followthemoney");

const file = process.argv[2];
if (!file) {
  console.error("usage: node ftm-check.js FILE");
  process.exit(2);
}
const model = new ftm.Model(ftm.defaultModel);
const problems = [];
const entities = [];
const ids = new Set();
fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
  if (line.trim() === "") return;
  let e;
  try {
    e = JSON.parse(line);
  } catch (err) {
    problems.push(`line ${i + 1}: not JSON: ${err.message}`);
    return;
  }
  if (typeof e.id !== "string" || e.id === "") problems.push(`line ${i + 1}: no id`);
  if (ids.has(e.id)) problems.push(`line ${i + 1}: id ${e.id} used twice`);
  ids.add(e.id);
  entities.push({ line: i + 1, e });
});
const date = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?$/;
for (const { line, e } of entities) {
  const at = `line ${line} (${e.id})`;
  let schema = null;
  try {
    schema = model.getSchema(e.schema);
  } catch {
    // reported below
  }
  if (!schema) {
    problems.push(`${at}: no schema ${e.schema}`);
    continue;
  }
  if (schema.abstract) problems.push(`${at}: schema ${e.schema} is abstract`);
  for (const [name, values] of Object.entries(e.properties || {})) {
    const prop = schema.hasProperty(name) ? schema.getProperty(name) : null;
    if (!prop) {
      problems.push(`${at}: ${e.schema} has no property ${name}`);
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      problems.push(`${at}: ${name} is not a list of values`);
      continue;
    }
    for (const v of values) {
      if (typeof v !== "string" || v === "") {
        problems.push(`${at}: ${name}: ${JSON.stringify(v)} is not a string`);
        continue;
      }
      const t = prop.type;
      if (t.maxLength && v.length > t.maxLength) problems.push(`${at}: ${name}: longer than ${t.maxLength}`);
      switch (t.name) {
        case "entity":
          if (!ids.has(v)) problems.push(`${at}: ${name} points at ${v}, which is not in the file`);
          break;
        case "date":
          if (!date.test(v)) problems.push(`${at}: ${name}: ${v} is not a date`);
          break;
        case "url":
          try {
            const u = new URL(v);
            if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
          } catch {
            problems.push(`${at}: ${name}: ${v} is not a web address`);
          }
          break;
        default:
          if (t.values && t.values.size > 0 && !t.values.has(v)) {
            problems.push(`${at}: ${name}: ${v} is not a ${t.name} the model knows`);
          }
      }
    }
  }
}
if (problems.length > 0) {
  problems.forEach((p) => console.log(p));
  console.log(`${problems.length} problems in ${entities.length} entities`);
  process.exit(1);
}
console.log(`ok: ${entities.length} entities`);
