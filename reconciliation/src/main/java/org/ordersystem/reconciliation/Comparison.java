package org.ordersystem.reconciliation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ordersystem.workflows.reconciliation.Classifier;
import org.ordersystem.workflows.reconciliation.CompareRequest;
import org.ordersystem.workflows.reconciliation.CompareResult;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.Mismatch;
import org.ordersystem.workflows.reconciliation.MismatchClass;
import org.ordersystem.workflows.reconciliation.ProviderRecord;

/**
 * Compares the provider's records with ours over a window and stores what it finds. The legs
 * compared are those changed within the window on either side, plus every OPEN mismatch, so a
 * mismatch older than the window is still seen agreeing and closed. Each side of a leg changed on
 * one side only is fetched whatever its age.
 */
public final class Comparison {

  private final ProviderEventStore events;
  private final InternalRecords internal;
  private final MismatchStore mismatches;

  public Comparison(ProviderEventStore events, InternalRecords internal, MismatchStore mismatches) {
    this.events = events;
    this.internal = internal;
    this.mismatches = mismatches;
  }

  public CompareResult compare(CompareRequest request) {
    Map<String, ProviderRecord> providers =
        new LinkedHashMap<>(events.changedSince(request.changedSince()));
    Map<String, InternalRecord> ours =
        new LinkedHashMap<>(internal.changedSince(request.changedSince()));
    Map<String, Mismatch> open = new LinkedHashMap<>();
    for (Mismatch m : mismatches.allOpen()) {
      open.put(m.reference(), m);
    }
    TreeSet<String> references = new TreeSet<>(providers.keySet());
    references.addAll(ours.keySet());
    references.addAll(open.keySet());
    providers.putAll(events.find(missing(references, providers)));
    ours.putAll(internal.find(missing(references, ours)));

    Map<MismatchClass, Integer> classes = new EnumMap<>(MismatchClass.class);
    int autoResolved = 0;
    for (String reference : references) {
      ProviderRecord p = providers.get(reference);
      InternalRecord i = ours.get(reference);
      Optional<MismatchClass> found = Classifier.classify(p, i, request.now(), request.grace());
      Mismatch stored = open.get(reference);
      if (found.isEmpty()) {
        if (stored != null && mismatches.autoResolve(stored.id(), request.runId(), request.now())) {
          autoResolved++;
        }
        continue;
      }
      classes.merge(found.get(), 1, Integer::sum);
      // EXPECTED is never stored, and never reopens or downgrades one already OPEN.
      if (found.get() != MismatchClass.EXPECTED) {
        mismatches.recordOpen(request.runId(), reference, found.get(), p, i, request.now());
      }
    }
    return new CompareResult(references.size(), classes, autoResolved, mismatches.allOpen());
  }

  private static List<String> missing(TreeSet<String> references, Map<String, ?> have) {
    List<String> missing = new ArrayList<>();
    for (String reference : references) {
      if (!have.containsKey(reference)) {
        missing.add(reference);
      }
    }
    return missing;
  }
}
