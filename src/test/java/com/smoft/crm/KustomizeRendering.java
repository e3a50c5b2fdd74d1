package com.smoft.crm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * The resources a kustomization under deploy/kubernetes produces, read in two ways: by {@code kubectl kustomize} where
 * kubectl is installed, and always by this class for the forms the manifests use: resources (files and other
 * kustomizations) and strategic merge patches ({@code path:} or inline {@code patch:}) that merge maps, merge lists of
 * containers, volumes and variables by name (volume mounts by mount path), clear a field given {@code null} and remove
 * what says {@code $patch: delete}. The image and label transformers are left out: nothing checked here depends on
 * them. A patch whose target is not among the resources is an error, as it is for kustomize.
 */
final class KustomizeRendering {

    private KustomizeRendering() {}

    /** The resources of the kustomization in {@code folder}, as this class renders them. */
    static List<Map<String, Object>> render(Path folder) throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(folder.resolve("kustomization.yaml")));
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = folder.resolve((String) resource).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                resources.addAll(documents(Files.readString(path)));
            }
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<?, ?> patch = (Map<?, ?>) entry;
            String text = patch.get("path") != null
                    ? Files.readString(folder.resolve((String) patch.get("path")))
                    : (String) patch.get("patch");
            for (Map<String, Object> document : documents(text)) {
                apply(resources, document);
            }
        }
        return resources;
    }

    /** The resources {@code kubectl kustomize} renders for {@code folder}, or empty where kubectl is not installed. */
    static Optional<List<Map<String, Object>>> renderWithKubectl(Path folder) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", folder.toString())
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + folder + " failed: " + errors);
        }
        return Optional.of(documents(output));
    }

    /** The one resource of {@code kind} named {@code name}, if the rendering holds it. */
    static Optional<Map<String, Object>> find(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream()
                .filter(resource -> matches(resource, kind, name))
                .findFirst();
    }

    /** Every resource of {@code kind}. */
    static List<Map<String, Object>> all(List<Map<String, Object>> resources, String kind) {
        return resources.stream()
                .filter(resource -> kind.equals(resource.get("kind")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static boolean matches(Map<String, Object> resource, String kind, String name) {
        return kind.equals(resource.get("kind")) && name.equals(((Map<?, ?>) resource.get("metadata")).get("name"));
    }

    private static void apply(List<Map<String, Object>> resources, Map<String, Object> patch) {
        String kind = (String) patch.get("kind");
        String name = (String) ((Map<?, ?>) patch.get("metadata")).get("name");
        Map<String, Object> target = find(resources, kind, name)
                .orElseThrow(
                        () -> new IllegalStateException("the patch of " + kind + " " + name + " targets no resource"));
        if ("delete".equals(patch.get("$patch"))) {
            resources.remove(target);
        } else {
            merge(target, patch, "");
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch, String path) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> map && current instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map, path + "/" + key);
            } else if (value instanceof List<?> items
                    && current instanceof List<?> existing
                    && isKeyed(items, mergeKey(key))) {
                target.put(key, mergeList((List<Object>) existing, items, mergeKey(key), path + "/" + key));
            } else {
                target.put(key, copy(value));
            }
        }
    }

    /** The field that identifies an item of a list in a strategic merge patch, as Kubernetes' API declares it. */
    private static String mergeKey(String list) {
        return "volumeMounts".equals(list) ? "mountPath" : "name";
    }

    private static boolean isKeyed(List<?> items, String key) {
        return !items.isEmpty()
                && items.stream().allMatch(item -> item instanceof Map<?, ?> map && map.containsKey(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(List<Object> existing, List<?> patch, String key, String path) {
        List<Object> merged =
                new ArrayList<>(existing.stream().map(KustomizeRendering::copy).toList());
        for (Object item : patch) {
            Map<String, Object> patchItem = (Map<String, Object>) item;
            Object id = patchItem.get(key);
            Iterator<Object> it = merged.iterator();
            Map<String, Object> found = null;
            while (it.hasNext()) {
                Map<String, Object> candidate = (Map<String, Object>) it.next();
                if (id.equals(candidate.get(key))) {
                    found = candidate;
                    if ("delete".equals(patchItem.get("$patch"))) {
                        it.remove();
                    }
                    break;
                }
            }
            if (found == null && "delete".equals(patchItem.get("$patch"))) {
                throw new IllegalStateException(
                        "the patch deletes " + path + " " + key + "=" + id + ", which is not there");
            } else if (found == null) {
                merged.add(copy(patchItem));
            } else if (!"delete".equals(patchItem.get("$patch"))) {
                merge(found, patchItem, path + "/" + id);
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, copy(item)));
            return copy;
        }
        if (value instanceof List<?> items) {
            return new ArrayList<>(items.stream().map(KustomizeRendering::copy).toList());
        }
        return value;
    }
}
