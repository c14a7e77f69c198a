package org.ordersystem.workflows.reconciliation;

/**
 * What one ingestion of the provider's event feed did.
 *
 * @param received events delivered, duplicates included
 * @param stored events new to us
 * @param duplicates events we had already: redeliveries, harmless
 * @param caughtUp whether every event the provider had committed was delivered; false when the run
 *     stopped at its page limit
 */
public record IngestResult(int received, int stored, int duplicates, int pages, boolean caughtUp) {

  public IngestResult plus(IngestResult other) {
    return new IngestResult(
        received + other.received,
        stored + other.stored,
        duplicates + other.duplicates,
        pages + other.pages,
        other.caughtUp);
  }
}
