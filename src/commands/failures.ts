// Failures a user can hit on any platform, said the same way on each. Details (paths, causes) go to
// the operator's log, never into the chat.

/** A settings change the store could not keep (its file deleted, replaced or read-only). */
export const NOT_SAVED =
  "I couldn't save that change: tokenbrief's database can no longer be written. Nothing was changed; whoever runs tokenbrief will find the details in its log.";
