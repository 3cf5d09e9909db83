// The baseline of the Slack load benchmark, run as its own process like the bot: Bolt's HTTP receiver
// with a `/price` that only acks. Prints its port, then serves until killed.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import slackBolt from '@slack/bolt';

const { SLACK_API_URL, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET } = process.env;
const app = new slackBolt.App({
  token: SLACK_BOT_TOKEN,
  signingSecret: SLACK_SIGNING_SECRET ?? '',
  clientOptions: { slackApiUrl: SLACK_API_URL },
  logLevel: slackBolt.LogLevel.ERROR,
  deferInitialization: true,
});
await app.init();
app.command('/price', async ({ ack }) => {
  await ack();
});
const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
console.log(`bare bolt on port ${(server.address() as AddressInfo).port}`);
