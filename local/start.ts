import './env-defaults';
import { ensureConsoleBuilt, formatKb } from './console-build';
import { startLocal } from './runtime';

/** Builds the staff console when web/ changed or was never built; Sebar still starts if that fails. */
const prepareConsole = async (): Promise<string | undefined> => {
  try {
    const built = await ensureConsoleBuilt({ quiet: true, log: (line) => console.log(line) });
    if (built) console.log(`Staff console built: initial JavaScript ${formatKb(built.gzipBytes)} gzipped.`);
    return undefined;
  } catch (error) {
    return `The staff console could not be built (${error instanceof Error ? error.message : String(error)}); run npm run build:console to see why.`;
  }
};

/** `npm start`: Sebar on one machine, no AWS account and no Docker. */
const main = async () => {
  const consoleProblem = await prepareConsole();
  const rt = await startLocal();
  const e = rt.endpoints;
  const lines = [
    '',
    `Konsol staf: ${e.gateway}/   (open it in a browser; sign in with the staff API token)`,
    consoleProblem ?? '',
    'Sebar is running locally.',
    `  API gateway         ${process.env.PUBLIC_BASE_URL}   (staff routes need: Authorization: Bearer <token>)`,
    // Printed once, when it is made; afterwards it is read from its file, not shown on every start.
    rt.apiTokenCreated
      ? `  Staff API token     ${rt.apiToken}   (new; saved in ${rt.dataDir}/api-token)`
      : `  Staff API token     in ${rt.dataDir}/api-token (or SEBAR_API_TOKEN)`,
    `  DynamoDB API        ${e.dynamodb}`,
    `  S3 API              ${e.s3}   (bucket ${rt.bucket})`,
    `  Step Functions API  ${e.stepfunctions}`,
    `  State machine       ${rt.stateMachineArn}`,
    `  SES (outbox)        ${e.ses}   -> ${rt.outboxDir}`,
    `  Scheduler           ${e.scheduler}   (EventBridge Scheduler API: approval reminders; daily jobs)`,
    `  SQS                 ${e.sqs}   (feedback queue and its dead-letter queue)`,
    `  Sandbox platforms   ${e.sandbox}   (Instagram ${e.sandbox}/instagram, X ${e.sandbox}/x, posts ${e.sandbox}/_sandbox/posts)`,
    `  Data folder         ${rt.dataDir}`,
    rt.resumed ? `  Resumed ${rt.resumed} unfinished execution(s).` : '',
    '',
    'Try it: npm run demo   (or npm run demo -- --auto-approve)',
    'Stop with Ctrl+C; everything is kept in the data folder.',
    '',
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping Sebar (unfinished work resumes at the next start)...`);
    await rt.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error(`Sebar could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(
      'A port is already in use. Stop the other process or set PORT / SEBAR_*_PORT (see README).',
    );
  }
  process.exit(1);
});
