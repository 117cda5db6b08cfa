#!/usr/bin/env node
// Entry point for `npx sebar <command>`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('./sebar.ts');
