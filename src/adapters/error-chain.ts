/** `error` and the causes it wraps, outermost first (a few levels: a cycle must not loop forever). */
export function errorChain(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < 5; current = current.cause) chain.push(current);
  return chain;
}
