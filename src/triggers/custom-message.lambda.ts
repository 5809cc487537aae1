// Placeholder: the built-in trigger handler is implemented in a follow-up commit.
export const handler = async (event: unknown): Promise<unknown> => event;
