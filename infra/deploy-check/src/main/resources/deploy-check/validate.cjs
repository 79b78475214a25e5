// Validates rendered Kubernetes objects against the JSON schemas of kubernetes-models (built-in kinds)
// and @kubernetes-models/keda (ScaledObject). Reads a JSON array from the file named in argv[2] and
// prints {validated, uncovered, errors} as JSON; exits 1 when any object fails its schema.
"use strict";
const fs = require("fs");

const KEDA = "@kubernetes-models/keda";

function moduleFor(apiVersion) {
  if (apiVersion.startsWith("keda.sh/")) {
    return `${KEDA}/${apiVersion}`;
  }
  // The core group has no group name: "v1" lives at kubernetes-models/v1.
  return `kubernetes-models/${apiVersion}`;
}

function modelClass(apiVersion, kind) {
  let mod;
  try {
    mod = require(moduleFor(apiVersion));
  } catch (e) {
    return undefined;
  }
  return mod[kind];
}

const objects = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const result = { validated: [], uncovered: [], errors: [] };
for (const object of objects) {
  const name = `${object.kind} ${object.metadata && object.metadata.name}`;
  const Model = modelClass(object.apiVersion || "", object.kind || "");
  if (typeof Model !== "function") {
    result.uncovered.push(`${object.apiVersion} ${name}`);
    continue;
  }
  try {
    new Model(object).validate();
    result.validated.push(name);
  } catch (e) {
    result.errors.push(`${name}: ${e.message}`);
  }
}
process.stdout.write(JSON.stringify(result));
process.exitCode = result.errors.length === 0 ? 0 : 1;
