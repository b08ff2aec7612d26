package dev.secureml.operator.local.bench;

import dev.secureml.operator.local.emulator.EmulatorInventory;
import dev.secureml.operator.local.emulator.EmulatorInventory.Resource;
import dev.secureml.operator.sagemaker.OwnershipTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks what SageMaker and Application Auto Scaling hold against the CRs that exist, from the
 * emulator's tables and the ownership tags alone (never the operator's account of itself):
 * duplicates, orphans of deleted CRs, replaced models and configs left behind, and whether each
 * surviving CR's SageMaker side has settled where its spec says.
 */
final class SageMakerAudit {
  /** A CR of the run, living or deleted. */
  record Owner(String kind, String namespace, String name, String uid, boolean alive,
      String modelDataUrl) {
    String ref() {
      return kind + " " + namespace + "/" + name;
    }
  }

  /**
   * @param duplicates a CR, living or deleted, owning more than one training job, endpoint, job definition or
   *     monitoring schedule (extra models and configs show as unreferenced instead: a blue/green
   *     update owns two for a while by design)
   * @param orphans live resources whose owning CR is gone (or unknown), and scaling targets or
   *     policies whose endpoint is not a living CR's
   * @param unreferenced models and configs of a surviving endpoint it no longer serves
   * @param unsettled surviving CRs whose SageMaker side is not (yet) where the spec says: why,
   *     by {@link Owner#ref()}
   */
  record Findings(List<String> duplicates, List<String> orphans, List<String> unreferenced,
      Map<String, String> unsettled) {
    boolean clean() {
      return duplicates.isEmpty() && orphans.isEmpty() && unreferenced.isEmpty()
          && unsettled.isEmpty();
    }
  }

  private static final Set<String> FINISHED_JOB = Set.of("Completed", "Failed", "Stopped");
  private static final Set<String> SINGLE_PER_OWNER = Set.of("training-job", "endpoint",
      "data-quality-job-definition", "monitoring-schedule");

  private SageMakerAudit() {}

  static Findings check(EmulatorInventory inventory, Map<String, Owner> ownersByUid) {
    List<Resource> resources = inventory.sageMaker();
    Map<String, List<Resource>> byOwner = resources.stream().collect(Collectors.groupingBy(
        r -> r.tags().getOrDefault(OwnershipTags.UID, "")));
    Map<String, Resource> byName = new HashMap<>();
    resources.forEach(r -> byName.put(r.type() + "/" + r.name(), r));
    Findings f = new Findings(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new TreeMap<>());
    for (Map.Entry<String, List<Resource>> e : byOwner.entrySet()) {
      Owner owner = ownersByUid.get(e.getKey());
      if (owner != null) {
        // deleted CRs too: a job created twice for one then deleted is a duplicate all the same
        duplicates(owner, e.getValue(), f.duplicates());
      }
      if (owner == null || !owner.alive()) {
        orphans(owner, e.getValue(), f.orphans());
        continue;
      }
      if (owner.kind().equals("ModelEndpoint")) {
        endpoint(owner, e.getValue(), byName, f);
      }
    }
    for (Owner owner : ownersByUid.values()) {
      if (owner.alive() && !byOwner.containsKey(owner.uid())) {
        f.unsettled().put(owner.ref(), "nothing in SageMaker");
      }
      if (owner.alive() && owner.kind().equals("SecureTrainingJob")) {
        byOwner.getOrDefault(owner.uid(), List.of()).stream()
            .filter(r -> r.type().equals("training-job") && !"Completed".equals(r.status()))
            .forEach(r -> f.unsettled().put(owner.ref(), "training job " + r.name() + " is "
                + r.status()));
      }
    }
    scaling(inventory.scaling(), resources, ownersByUid, f.orphans());
    return f;
  }

  private static void orphans(Owner owner, List<Resource> owned, List<String> out) {
    String whose = owner == null ? "an unknown owner" : "deleted " + owner.ref();
    for (Resource r : owned) {
      if (r.type().equals("training-job") && FINISHED_JOB.contains(r.status())) {
        continue; // a finished job costs nothing and cannot be deleted in SageMaker
      }
      out.add(r.type() + " " + r.name() + (r.status() == null ? "" : " (" + r.status() + ")")
          + " of " + whose);
    }
  }

  private static void duplicates(Owner owner, List<Resource> owned, List<String> out) {
    owned.stream().filter(r -> SINGLE_PER_OWNER.contains(r.type()))
        .collect(Collectors.groupingBy(Resource::type))
        .forEach((type, same) -> {
          if (same.size() > 1) {
            out.add(owner.ref() + " owns " + same.size() + " " + type + "s: "
                + same.stream().map(Resource::name).sorted().toList());
          }
        });
  }

  /** Serving the spec's model, InService, with nothing replaced left behind. */
  private static void endpoint(Owner owner, List<Resource> owned, Map<String, Resource> byName,
      Findings f) {
    Resource endpoint = owned.stream().filter(r -> r.type().equals("endpoint")).findFirst()
        .orElse(null);
    if (endpoint == null) {
      f.unsettled().put(owner.ref(), "no endpoint");
      return;
    }
    List<String> configs = endpoint.uses();
    List<String> models = configs.stream().map(c -> byName.get("endpoint-config/" + c))
        .filter(c -> c != null).flatMap(c -> c.uses().stream()).toList();
    List<String> artifacts = models.stream().map(m -> byName.get("model/" + m))
        .filter(m -> m != null).flatMap(m -> m.uses().stream()).distinct().toList();
    if (!"InService".equals(endpoint.status()) || configs.size() != 1
        || !artifacts.equals(List.of(owner.modelDataUrl()))) {
      f.unsettled().put(owner.ref(), "endpoint " + endpoint.name() + " is "
          + endpoint.status() + " with " + configs + " serving " + artifacts + ", spec asks "
          + owner.modelDataUrl());
      return; // an update in flight owns two of each: judged once it has settled
    }
    for (Resource r : owned) {
      boolean served = r.type().equals("endpoint-config") ? configs.contains(r.name())
          : !r.type().equals("model") || models.contains(r.name());
      if (!served) {
        f.unreferenced().add(r.type() + " " + r.name() + " of " + owner.ref()
            + " is no longer served");
      }
    }
  }

  /** Targets and policies of endpoints that are gone or whose CR is. */
  private static void scaling(List<EmulatorInventory.Scaling> scaling, List<Resource> resources,
      Map<String, Owner> owners, List<String> out) {
    Set<String> living = resources.stream().filter(r -> r.type().equals("endpoint"))
        .filter(r -> {
          Owner o = owners.get(r.tags().getOrDefault(OwnershipTags.UID, ""));
          return o != null && o.alive();
        }).map(Resource::name).collect(Collectors.toSet());
    for (EmulatorInventory.Scaling s : scaling) {
      String endpoint = s.resourceId().split("/")[1];
      if (!living.contains(endpoint)) {
        out.add((s.policyName() == null ? "scalable target " : "scaling policy "
            + s.policyName() + " on ") + s.resourceId() + " of an endpoint no living CR owns");
      }
    }
  }
}
