#!/usr/bin/env node
// Installed `koers` binary: runs the built CLI (npm run build:server first).
import "../dist/cli/main.js";
