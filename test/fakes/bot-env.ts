import type { FakeDiscord } from './discord.js';
import type { FakeSlack } from './slack.js';

// The environment that points the bot (`npm start`, `main`) at the fakes, the way a user's .env points
// it at Slack and Discord. Shared by the tests that start the bot and by the load benchmark.

/** Slack in Socket Mode, against the fake. */
export const slackSocketEnv = (fake: FakeSlack) => ({
  SLACK_API_URL: fake.apiUrl,
  SLACK_BOT_TOKEN: fake.installation.botToken,
  SLACK_APP_TOKEN: fake.installation.appToken,
});

/** Slack in HTTP mode on a free loopback port, which the running line names (`slackHttpPort`). */
export const slackHttpEnv = (fake: FakeSlack, signingSecret: string) => ({
  SLACK_API_URL: fake.apiUrl,
  SLACK_BOT_TOKEN: fake.installation.botToken,
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_HOST: '127.0.0.1',
  SLACK_PORT: '0',
});

export const discordEnv = (fake: FakeDiscord) => ({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: `${fake.url}/api` });
