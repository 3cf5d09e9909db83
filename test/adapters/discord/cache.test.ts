import { expect, it } from 'vitest';
import { latestCompleteWeek, weekRange } from '../../../src/core/week.js';
import { useDiscordBot } from './harness.js';

// Autocomplete reads through the week cache (real discord.js against the fake Discord): a keystroke
// after a refresh already offers the new data, without waiting out any expiry.

const discord = useDiscordBot();

async function suggestions(typed: string): Promise<string[]> {
  const { fake } = discord.running;
  const payload = fake.sendInteraction(fake.autocompleteInteraction({ name: 'price', focused: { name: 'model', value: typed } }));
  const response = await fake.waitForInteractionResponse(payload.id);
  return (response.data as { choices: { value: string }[] }).choices.map((choice) => choice.value);
}

it('the keystroke after a refresh suggests the new model', async () => {
  const running = await discord.start();
  expect(await suggestions('newcom')).not.toContain('lab/newcomer');
  const { store } = running;
  const span = await store.usageSpan();
  const sunday = weekRange(latestCompleteWeek(span?.last ?? '')).end;
  const asOf = '2099-01-01T00:00:00Z';
  await store.saveUsage({ rows: [{ date: sunday, permaslug: 'lab/newcomer', tokens: 1e15, asOf }], asOf, startDate: sunday, endDate: sunday, dropped: 0 });
  expect(await suggestions('newcom')).toContain('lab/newcomer');
});
