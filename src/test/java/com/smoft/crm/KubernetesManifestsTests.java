package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.system.CrmProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests under deploy/kubernetes, checked against the application they deploy: the base, and each overlay
 * for what it promises about the model store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KubernetesManifestsTests {

    private static final Path MANIFESTS = Path.of("deploy", "kubernetes", "base");
    private static final Path OVERLAYS = Path.of("deploy", "kubernetes", "overlays");
    /** The claim the training job reads the history from, which the operator's CRM export fills: not in the manifests. */
    private static final String HISTORY_CLAIM = "smoft-crm-history";
    /** Environment variables the manifests may set that are not settings of the service. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    /** The memory's database: Spring's own datasource settings, by the variable that sets each. */
    private static final Map<String, String> DATASOURCE_VARIABLES = Map.of(
            "SPRING_DATASOURCE_URL", "spring.datasource.url",
            "SPRING_DATASOURCE_USERNAME", "spring.datasource.username",
            "SPRING_DATASOURCE_PASSWORD", "spring.datasource.password");
    /** Each folder's renderings, made once for the class. */
    private static final Map<Path, List<List<Map<String, Object>>>> RENDERINGS = new ConcurrentHashMap<>();
    /** The Secret the server takes the memory's database from. */
    private static final String DATASOURCE_SECRET = "smoft-crm-datasource";
    /** The example of that Secret, which no kustomization applies. */
    private static final Path DATASOURCE_EXAMPLE =
            Path.of("deploy", "kubernetes", "examples", "datasource-secret.yaml");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest(String file) throws IOException {
        return new Yaml().load(Files.readString(MANIFESTS.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = current instanceof List<?> list
                    ? list.get(Integer.parseInt(step))
                    : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    private static Map<String, Object> container() throws IOException {
        return at(manifest("deployment.yaml"), "spec", "template", "spec", "containers", "0");
    }

    @Test
    void shouldListOnlyFilesThatExistInTheKustomization() throws IOException {
        List<String> resources = at(manifest("kustomization.yaml"), "resources");
        assertThat(resources)
                .isNotEmpty()
                .allSatisfy(file -> assertThat(MANIFESTS.resolve(file)).isRegularFile());
        assertThat(resources).contains("deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml", "configmap.yaml");
    }

    @Test
    void shouldRetrainNightlyIntoTheStoreTheReplicasServeAsTheirUser() throws IOException {
        assertThat((List<String>) at(manifest("kustomization.yaml"), "resources"))
                .contains("train-cronjob.yaml");
        Map<String, Object> job = at(manifest("train-cronjob.yaml"), "spec", "jobTemplate", "spec", "template", "spec");
        Map<String, Object> train = at(job, "containers", "0");
        Map<String, Object> pod = at(manifest("deployment.yaml"), "spec", "template", "spec");
        assertThat((String) train.get("image")).isEqualTo(container().get("image"));
        String store = at(manifest("configmap.yaml"), "data", "CRM_MODEL_STORE");
        List<String> args = (List<String>) train.get("args");
        assertThat(args).startsWith("train").containsSubsequence("--store", store);
        List<Map<String, Object>> mounts = at(train, "volumeMounts");
        String volume = mounts.stream()
                .filter(mount -> store.equals(mount.get("mountPath")))
                .map(mount -> (String) mount.get("name"))
                .findFirst()
                .orElseThrow();
        List<Map<String, Object>> volumes = at(job, "volumes");
        List<Map<String, Object>> served = at(pod, "volumes");
        assertThat(volumes.stream()
                        .filter(v -> volume.equals(v.get("name")))
                        .findFirst()
                        .orElseThrow()
                        .get("persistentVolumeClaim"))
                .isEqualTo(served.stream()
                        .filter(v -> "models".equals(v.get("name")))
                        .findFirst()
                        .orElseThrow()
                        .get("persistentVolumeClaim"));
        assertThat((Integer) at(job, "securityContext", "runAsUser"))
                .isEqualTo(at(pod, "securityContext", "runAsUser"));
        assertThat((Boolean) at(train, "securityContext", "readOnlyRootFilesystem"))
                .isTrue();
    }

    @Test
    void shouldLetInOnlyTheServicesPortAndOutOnlyDnsAndTheDatabase() throws IOException {
        assertThat((List<String>) at(manifest("kustomization.yaml"), "resources"))
                .contains("networkpolicy.yaml");
        Map<String, Object> policy = manifest("networkpolicy.yaml");
        int containerPort = at(container(), "ports", "0", "containerPort");
        assertThat((Integer) at(policy, "spec", "ingress", "0", "ports", "0", "port"))
                .isEqualTo(containerPort);
        // The database's port as the example Secret names it.
        Matcher databasePort = Pattern.compile("^jdbc:postgresql://[^/:]+:(\\d+)/")
                .matcher((String) at(datasourceExample(), "stringData", "SPRING_DATASOURCE_URL"));
        assertThat(databasePort.find())
                .as("the example names the database's port")
                .isTrue();
        List<Map<String, Object>> egress = at(policy, "spec", "egress", "0", "ports");
        assertThat(egress)
                .extracting(port -> port.get("port"))
                .containsOnly(53, Integer.parseInt(databasePort.group(1)))
                .contains(Integer.parseInt(databasePort.group(1)));
        assertThat((Map<String, Object>) at(policy, "spec", "podSelector", "matchLabels"))
                .isEqualTo(at(manifest("deployment.yaml"), "spec", "selector", "matchLabels"));
    }

    @Test
    void shouldOfferAnEgressForTheEventsThatOpensNoIngressAndNoPrivateAddress() throws IOException {
        Map<String, Object> policy =
                new Yaml().load(Files.readString(Path.of("deploy", "kubernetes", "examples", "events-egress.yaml")));
        assertThat((String) policy.get("kind")).isEqualTo("NetworkPolicy");
        assertThat((String) at(policy, "metadata", "name"))
                .isNotEqualTo(at(manifest("networkpolicy.yaml"), "metadata", "name"));
        assertThat((Map<String, Object>) at(policy, "spec", "podSelector", "matchLabels"))
                .isEqualTo(at(manifest("deployment.yaml"), "spec", "selector", "matchLabels"));
        assertThat((List<String>) at(policy, "spec", "policyTypes")).containsExactly("Egress");
        assertThat((Object) at(policy, "spec", "ingress")).isNull();
        List<Map<String, Object>> rules = at(policy, "spec", "egress");
        assertThat(rules)
                .allSatisfy(rule -> assertThat((List<?>) rule.get("to"))
                        .as("every rule names where it goes")
                        .isNotEmpty());
        Map<String, Object> webhooks = rules.getFirst();
        assertThat((List<String>) at(webhooks, "to", "0", "ipBlock", "except"))
                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        assertThat(rules)
                .flatExtracting(rule -> (List<Map<String, Object>>) rule.get("ports"))
                .extracting(port -> port.get("port"))
                .containsExactlyInAnyOrder(443, 9092, 9093);
    }

    @Test
    void shouldProbePathsThatAnswerOnThePortTheServiceListensOn() throws Exception {
        Map<String, Object> container = container();
        int containerPort = at(container, "ports", "0", "containerPort");
        assertThat(containerPort).isEqualTo(Integer.parseInt(readApplicationYamlPort()));
        String portName = at(container, "ports", "0", "name");
        assertThat((String) at(manifest("service.yaml"), "spec", "ports", "0", "targetPort"))
                .isEqualTo(portName);
        LocalService service = new LocalService(port);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat((Object) at(container, probe, "httpGet", "port"))
                    .as(probe)
                    .isEqualTo(portName);
            String path = at(container, probe, "httpGet", "path");
            HttpResponse<String> answer = service.get(path);
            assertThat(answer.statusCode()).as(probe + " " + path).isEqualTo(200);
        }
    }

    @Test
    void shouldSetOnlyEnvironmentVariablesThatAreRealSettings() throws IOException {
        List<String> settings = new ArrayList<>();
        settingNames("crm", CrmProperties.class, settings);
        Map<String, Object> data = at(manifest("configmap.yaml"), "data");
        List<Map<String, Object>> env = at(container(), "env");
        List<String> names = new ArrayList<>(data.keySet());
        env.forEach(variable -> names.add((String) variable.get("name")));
        // The settings each overlay changes, too.
        for (String overlay : List.of("rwx", "single-replica", "baked-model")) {
            List<Map<String, Object>> resources = KustomizeRendering.render(OVERLAYS.resolve(overlay));
            names.addAll(((Map<String, Object>) at(
                            KustomizeRendering.find(resources, "ConfigMap", "smoft-crm-settings")
                                    .orElseThrow(),
                            "data"))
                    .keySet());
        }
        for (String name : names) {
            if (JVM_VARIABLES.contains(name)) {
                continue;
            }
            // Spring's own reading of environment variables decides which setting each one sets.
            var source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, "x")));
            if (DATASOURCE_VARIABLES.containsKey(name)) {
                assertThat(source.getConfigurationProperty(
                                ConfigurationPropertyName.of(DATASOURCE_VARIABLES.get(name))))
                        .as(name + " sets " + DATASOURCE_VARIABLES.get(name))
                        .isNotNull();
                continue;
            }
            assertThat(settings)
                    .as(name + " sets a crm.* setting")
                    .anyMatch(
                            setting -> source.getConfigurationProperty(ConfigurationPropertyName.of(setting)) != null);
        }
        assertThat(names)
                .contains(
                        "CRM_MODEL_STORE",
                        "CRM_SECURITY_API_KEYS",
                        "CRM_SECURITY_ADMIN_API_KEYS",
                        "CRM_SECURITY_METRICS_API_KEYS");
        // The keys come from the Secret, never in clear in the manifests.
        assertThat(data)
                .doesNotContainKeys(
                        "CRM_SECURITY_API_KEYS", "CRM_SECURITY_ADMIN_API_KEYS", "CRM_SECURITY_METRICS_API_KEYS");
        assertThat(env)
                .filteredOn(variable -> ((String) variable.get("name")).startsWith("CRM_SECURITY"))
                .allSatisfy(variable -> assertThat(at(variable, "valueFrom", "secretKeyRef", "name")
                                .toString())
                        .isEqualTo("smoft-crm-keys"));
        // A forgotten Secret must not run the API open: the scoring key is required unless the manifest says otherwise.
        assertThat(env)
                .filteredOn(variable -> "CRM_SECURITY_API_KEYS".equals(variable.get("name")))
                .singleElement()
                .satisfies(variable -> assertThat((Boolean) at(variable, "valueFrom", "secretKeyRef", "optional"))
                        .isFalse());
    }

    @Test
    void shouldStopTheJvmOnOutOfMemoryInTheImageAndInThePod() throws IOException {
        assertThat(Files.readString(Path.of("Dockerfile")))
                .containsPattern("(?m)^ENTRYPOINT .*java -XX:\\+ExitOnOutOfMemoryError ");
        List<Map<String, Object>> env = at(container(), "env");
        assertThat(env)
                .filteredOn(variable -> "JAVA_TOOL_OPTIONS".equals(variable.get("name")))
                .singleElement()
                .satisfies(
                        variable -> assertThat((String) variable.get("value")).contains("-XX:+ExitOnOutOfMemoryError"));
    }

    @Test
    void shouldRunAsTheImagesNonRootUserOnAReadOnlyRootFilesystem() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher uid =
                Pattern.compile("useradd[^\\n]*--uid (\\d+)[^\\n]* (\\w+)\\n").matcher(dockerfile);
        assertThat(uid.find()).as("the Dockerfile creates a user with a uid").isTrue();
        assertThat(dockerfile).containsPattern("(?m)^USER " + uid.group(2) + "$");
        Map<String, Object> pod = at(manifest("deployment.yaml"), "spec", "template", "spec");
        assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
        assertThat((Integer) at(pod, "securityContext", "runAsUser"))
                .isEqualTo(Integer.parseInt(uid.group(1)))
                .isNotZero();
        assertThat((Boolean) at(container(), "securityContext", "readOnlyRootFilesystem"))
                .isTrue();
    }

    @Test
    void shouldGiveTheStopTimeToDrainAndFinishRequestsInFlight() throws IOException {
        Map<String, Object> pod = at(manifest("deployment.yaml"), "spec", "template", "spec");
        int grace = at(pod, "terminationGracePeriodSeconds");
        int preStop = at(container(), "lifecycle", "preStop", "sleep", "seconds");
        // The tests run with no drain: the one that counts is the manifests' own.
        String configuredDrain = at(manifest("configmap.yaml"), "data", "CRM_SHUTDOWN_DRAIN");
        long inFlight = Duration.parse("PT"
                        + environment
                                .getProperty("spring.lifecycle.timeout-per-shutdown-phase")
                                .toUpperCase(Locale.ROOT))
                .toSeconds();
        assertThat(grace).isGreaterThanOrEqualTo((int) (preStop
                + Duration.parse("PT" + configuredDrain.toUpperCase(Locale.ROOT))
                        .toSeconds()
                + inFlight));
    }

    @Test
    void shouldOfferOneOverlayForEachWayToKeepTheModelStore() throws IOException {
        try (Stream<Path> overlays = Files.list(OVERLAYS)) {
            assertThat(overlays.map(overlay -> overlay.getFileName().toString()))
                    .containsExactlyInAnyOrder("rwx", "single-replica", "baked-model");
        }
    }

    @Test
    void shouldRenderTheBaseAndEveryOverlayIntoAConsistentDeployment() throws Exception {
        for (Path folder : List.of(
                MANIFESTS,
                OVERLAYS.resolve("rwx"),
                OVERLAYS.resolve("single-replica"),
                OVERLAYS.resolve("baked-model"))) {
            for (List<Map<String, Object>> resources : renderings(folder)) {
                Map<String, Object> pod = at(deployment(resources), "spec", "template", "spec");
                List<Map<String, Object>> volumes = at(pod, "volumes");
                List<Map<String, Object>> containers = new ArrayList<>(at(pod, "containers"));
                List<Map<String, Object>> initContainers = at(pod, "initContainers");
                containers.addAll(initContainers == null ? List.of() : initContainers);
                assertThat(containers)
                        .as(folder + ": every mount names a volume of the pod")
                        .allSatisfy(container -> assertThat(
                                        Optional.ofNullable((List<Map<String, Object>>) container.get("volumeMounts"))
                                                .orElse(List.of()))
                                .allSatisfy(mount -> assertThat(volumes)
                                        .extracting(volume -> volume.get("name"))
                                        .contains(mount.get("name"))));
                assertThat(claimsUsed(resources))
                        .as(folder + ": every claim used is in the manifests")
                        .allSatisfy(
                                claim -> assertThat(KustomizeRendering.find(resources, "PersistentVolumeClaim", claim))
                                        .isPresent());
                String store = at(
                        KustomizeRendering.find(resources, "ConfigMap", "smoft-crm-settings")
                                .orElseThrow(),
                        "data",
                        "CRM_MODEL_STORE");
                List<Map<String, Object>> mounts = at(pod, "containers", "0", "volumeMounts");
                assertThat(mounts.stream().anyMatch(mount -> store.equals(mount.get("mountPath")))
                                || store.equals(imageModelStore()))
                        .as(folder + ": the store " + store + " is a mounted volume or the image's own")
                        .isTrue();
                int fewestReplicas = KustomizeRendering.find(resources, "HorizontalPodAutoscaler", "smoft-crm")
                        .map(hpa -> {
                            assertThat((Integer) at(hpa, "spec", "minReplicas"))
                                    .isLessThanOrEqualTo(at(hpa, "spec", "maxReplicas"));
                            assertThat((String) at(hpa, "spec", "scaleTargetRef", "name"))
                                    .isEqualTo(at(deployment(resources), "metadata", "name"));
                            return (Integer) at(hpa, "spec", "minReplicas");
                        })
                        .orElse(at(deployment(resources), "spec", "replicas"));
                Map<String, Object> budget = at(
                        KustomizeRendering.find(resources, "PodDisruptionBudget", "smoft-crm")
                                .orElseThrow(),
                        "spec");
                Map<String, Object> servingPod = at(deployment(resources), "spec", "template", "metadata", "labels");
                Map<String, Object> serviceSelector = at(
                        KustomizeRendering.find(resources, "Service", "smoft-crm")
                                .orElseThrow(),
                        "spec",
                        "selector");
                Map<String, Object> budgetSelector = at(budget, "selector", "matchLabels");
                assertThat(selects(serviceSelector, servingPod) && selects(budgetSelector, servingPod))
                        .as(folder + ": the Service and the budget select the serving pods")
                        .isTrue();
                KustomizeRendering.find(resources, "CronJob", "smoft-crm-train").ifPresent(job -> {
                    Map<String, Object> trainingPod =
                            at(job, "spec", "jobTemplate", "spec", "template", "metadata", "labels");
                    assertThat(selects(serviceSelector, trainingPod) || selects(budgetSelector, trainingPod))
                            .as(folder + ": the Service and the budget leave the training pods out")
                            .isFalse();
                });
                assertThat(
                                budget.containsKey("minAvailable")
                                        ? fewestReplicas - (Integer) budget.get("minAvailable")
                                        : (Integer) budget.get("maxUnavailable"))
                        .as(folder + ": a node drain can evict a pod at " + fewestReplicas + " replicas")
                        .isPositive();
            }
        }
    }

    @Test
    void shouldShareTheStoreOnAReadWriteManyClassTheOperatorNames() throws Exception {
        for (List<Map<String, Object>> resources : renderings(OVERLAYS.resolve("rwx"))) {
            Map<String, Object> claim = KustomizeRendering.find(resources, "PersistentVolumeClaim", "smoft-crm-models")
                    .orElseThrow();
            assertThat((List<String>) at(claim, "spec", "accessModes")).containsExactly("ReadWriteMany");
            assertThat((String) at(claim, "spec", "storageClassName")).isNotBlank();
            assertThat((Integer) at(deployment(resources), "spec", "replicas")).isGreaterThanOrEqualTo(2);
            assertThat((Integer) at(
                            KustomizeRendering.find(resources, "HorizontalPodAutoscaler", "smoft-crm")
                                    .orElseThrow(),
                            "spec",
                            "minReplicas"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(KustomizeRendering.find(resources, "CronJob", "smoft-crm-train"))
                    .isPresent();
            assertThat(claimsUsed(resources)).contains("smoft-crm-models");
        }
    }

    @Test
    void shouldRunOneReplicaOnAReadWriteOnceVolumeThatANodeDrainCanMove() throws Exception {
        for (List<Map<String, Object>> resources : renderings(OVERLAYS.resolve("single-replica"))) {
            Map<String, Object> claim = KustomizeRendering.find(resources, "PersistentVolumeClaim", "smoft-crm-models")
                    .orElseThrow();
            assertThat((List<String>) at(claim, "spec", "accessModes")).containsExactly("ReadWriteOnce");
            Map<String, Object> deployment = deployment(resources);
            assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(1);
            assertThat(KustomizeRendering.all(resources, "HorizontalPodAutoscaler"))
                    .isEmpty();
            // The old pod lets the volume go before the new one needs it.
            assertThat((Map<String, Object>) at(deployment, "spec", "strategy"))
                    .containsEntry("type", "Recreate")
                    .doesNotContainKey("rollingUpdate");
            Map<String, Object> budget = at(
                    KustomizeRendering.find(resources, "PodDisruptionBudget", "smoft-crm")
                            .orElseThrow(),
                    "spec");
            assertThat(budget).doesNotContainKey("minAvailable").containsEntry("maxUnavailable", 1);
            // Training writes to the same volume, so it runs on the serving pod's node.
            Map<String, Object> job = at(
                    KustomizeRendering.find(resources, "CronJob", "smoft-crm-train")
                            .orElseThrow(),
                    "spec",
                    "jobTemplate",
                    "spec",
                    "template",
                    "spec");
            assertThat(claimsUsed(resources)).contains("smoft-crm-models");
            Map<String, Object> term =
                    at(job, "affinity", "podAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "0");
            assertThat((String) term.get("topologyKey")).isEqualTo("kubernetes.io/hostname");
            assertThat((Map<String, Object>) at(term, "labelSelector", "matchLabels"))
                    .isEqualTo(at(deployment, "spec", "template", "metadata", "labels"));
        }
    }

    @Test
    void shouldServeTheStoreBakedIntoTheImageWithNothingToWriteIt() throws Exception {
        for (List<Map<String, Object>> resources : renderings(OVERLAYS.resolve("baked-model"))) {
            assertThat(KustomizeRendering.all(resources, "PersistentVolumeClaim"))
                    .isEmpty();
            assertThat(KustomizeRendering.all(resources, "CronJob")).isEmpty();
            Map<String, Object> pod = at(deployment(resources), "spec", "template", "spec");
            assertThat(pod).doesNotContainKey("initContainers");
            assertThat((List<Map<String, Object>>) pod.get("volumes"))
                    .noneMatch(volume -> volume.containsKey("persistentVolumeClaim"));
            Map<String, Object> settings = at(
                    KustomizeRendering.find(resources, "ConfigMap", "smoft-crm-settings")
                            .orElseThrow(),
                    "data");
            assertThat(settings)
                    .containsEntry("CRM_MODEL_STORE", imageModelStore())
                    .containsEntry("CRM_MODEL_WATCHINTERVAL", "0s");
            assertThat((Integer) at(deployment(resources), "spec", "replicas")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldTakeTheDatabaseFromOneSecretWithNoValueInTheManifests() throws Exception {
        Map<String, Object> example = datasourceExample();
        assertThat((String) example.get("kind")).isEqualTo("Secret");
        assertThat((String) at(example, "metadata", "name")).isEqualTo(DATASOURCE_SECRET);
        assertThat((Map<String, Object>) example.get("stringData")).containsOnlyKeys(DATASOURCE_VARIABLES.keySet());
        for (Path folder : List.of(
                MANIFESTS,
                OVERLAYS.resolve("rwx"),
                OVERLAYS.resolve("single-replica"),
                OVERLAYS.resolve("baked-model"))) {
            for (List<Map<String, Object>> resources : renderings(folder)) {
                assertThat(KustomizeRendering.all(resources, "Secret"))
                        .as(folder + ": no Secret, so no secret value, is applied")
                        .isEmpty();
                assertThat((Map<String, Object>) at(
                                KustomizeRendering.find(resources, "ConfigMap", "smoft-crm-settings")
                                        .orElseThrow(),
                                "data"))
                        .as(folder + ": the datasource is not in the ConfigMap")
                        .doesNotContainKeys(DATASOURCE_VARIABLES.keySet().toArray(String[]::new));
                List<Map<String, Object>> env =
                        at(deployment(resources), "spec", "template", "spec", "containers", "0", "env");
                List<Map<String, Object>> datasource = env.stream()
                        .filter(variable -> DATASOURCE_VARIABLES.containsKey(variable.get("name")))
                        .toList();
                assertThat(datasource)
                        .as(folder + ": each datasource variable, once")
                        .extracting(variable -> (String) variable.get("name"))
                        .containsExactlyInAnyOrderElementsOf(DATASOURCE_VARIABLES.keySet());
                assertThat(datasource).allSatisfy(variable -> {
                    assertThat(variable).doesNotContainKey("value");
                    assertThat((String) at(variable, "valueFrom", "secretKeyRef", "name"))
                            .isEqualTo(DATASOURCE_SECRET);
                    assertThat((String) at(variable, "valueFrom", "secretKeyRef", "key"))
                            .isEqualTo(variable.get("name"));
                });
            }
        }
    }

    @Test
    void shouldShareOnePostgresqlBetweenReplicasAndKeepTheEmbeddedDatabaseOnAVolume() throws Exception {
        String embedded = imageDatabaseFolder();
        for (Path folder : List.of(
                MANIFESTS,
                OVERLAYS.resolve("rwx"),
                OVERLAYS.resolve("single-replica"),
                OVERLAYS.resolve("baked-model"))) {
            for (List<Map<String, Object>> resources : renderings(folder)) {
                Map<String, Object> deployment = deployment(resources);
                List<Map<String, Object>> env = at(deployment, "spec", "template", "spec", "containers", "0", "env");
                boolean secretOptional = env.stream()
                        .filter(variable -> DATASOURCE_VARIABLES.containsKey(variable.get("name")))
                        .anyMatch(
                                variable -> Boolean.TRUE.equals(at(variable, "valueFrom", "secretKeyRef", "optional")));
                int mostReplicas = KustomizeRendering.find(resources, "HorizontalPodAutoscaler", "smoft-crm")
                        .map(hpa -> (Integer) at(hpa, "spec", "maxReplicas"))
                        .orElse(at(deployment, "spec", "replicas"));
                if (!secretOptional) {
                    // Without the Secret the pod does not start: never a memory per replica.
                    continue;
                }
                // Without the Secret, the image's embedded database: one replica, its files kept on a claim.
                assertThat(mostReplicas)
                        .as(folder + ": one writer of the embedded database")
                        .isEqualTo(1);
                assertThat((Map<String, Object>) at(deployment, "spec", "strategy"))
                        .containsEntry("type", "Recreate");
                Map<String, Object> pod = at(deployment, "spec", "template", "spec");
                List<Map<String, Object>> mounts = at(pod, "containers", "0", "volumeMounts");
                String volume = mounts.stream()
                        .filter(mount -> embedded.equals(mount.get("mountPath")))
                        .map(mount -> (String) mount.get("name"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(folder + ": nothing writable at " + embedded));
                String claim = ((List<Map<String, Object>>) pod.get("volumes"))
                        .stream()
                                .filter(v -> volume.equals(v.get("name")))
                                .findFirst()
                                .filter(v -> v.containsKey("persistentVolumeClaim"))
                                .map(v -> (String) at(v, "persistentVolumeClaim", "claimName"))
                                .orElseThrow(() -> new AssertionError(folder + ": " + embedded
                                        + " is not on a claim: an emptyDir loses the memory with the pod"));
                assertThat(KustomizeRendering.find(resources, "PersistentVolumeClaim", claim))
                        .as(folder + ": the claim " + claim)
                        .isPresent();
            }
        }
    }

    /** The example Secret of the memory's database. */
    private static Map<String, Object> datasourceExample() throws IOException {
        return new Yaml().load(Files.readString(DATASOURCE_EXAMPLE));
    }

    /** Where the image keeps its embedded database: the folder of the H2 file its SPRING_DATASOURCE_URL names. */
    private static String imageDatabaseFolder() throws IOException {
        Matcher url = Pattern.compile("(?m)^ENV SPRING_DATASOURCE_URL=\"jdbc:h2:file:([^;\"]+)")
                .matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(url.find()).as("the image names its embedded database").isTrue();
        return Path.of(url.group(1)).getParent().toString();
    }

    /**
     * The base or overlay rendered by this test's reading of kustomize, and by kubectl too where it is installed; once
     * per folder for the whole class (kubectl takes a few hundred milliseconds), which the tests only read.
     */
    private static List<List<Map<String, Object>>> renderings(Path folder) throws Exception {
        List<List<Map<String, Object>>> rendered = RENDERINGS.get(folder);
        if (rendered == null) {
            rendered = new ArrayList<>();
            rendered.add(KustomizeRendering.render(folder));
            KustomizeRendering.renderWithKubectl(folder).ifPresent(rendered::add);
            RENDERINGS.put(folder, rendered);
        }
        return rendered;
    }

    /** Whether a label selector picks a pod with these labels. */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> resources) {
        return KustomizeRendering.find(resources, "Deployment", "smoft-crm").orElseThrow();
    }

    /** The claims the service's and the training job's pods mount, but the history the operator provides. */
    private static List<String> claimsUsed(List<Map<String, Object>> resources) {
        List<Map<String, Object>> pods = new ArrayList<>();
        KustomizeRendering.all(resources, "Deployment")
                .forEach(deployment -> pods.add(at(deployment, "spec", "template", "spec")));
        KustomizeRendering.all(resources, "CronJob")
                .forEach(job -> pods.add(at(job, "spec", "jobTemplate", "spec", "template", "spec")));
        return pods.stream()
                .flatMap(pod -> ((List<Map<String, Object>>) pod.get("volumes")).stream())
                .filter(volume -> volume.containsKey("persistentVolumeClaim"))
                .map(volume -> (String) at(volume, "persistentVolumeClaim", "claimName"))
                .filter(claim -> !HISTORY_CLAIM.equals(claim))
                .toList();
    }

    /** Where the image's own model store is: the folder the Dockerfile's last stage copies model/ to. */
    private static String imageModelStore() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(runtime);
        Matcher copy = Pattern.compile("(?m)^COPY model (\\S+)$").matcher(runtime);
        assertThat(workdir.find() && copy.find())
                .as("the image holds the shipped model store")
                .isTrue();
        return Path.of(workdir.group(1)).resolve(copy.group(1)).toString();
    }

    /** The name of every setting, as a properties file writes it: crm.model.watch-interval. */
    private static void settingNames(String prefix, Class<?> type, List<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "."
                    + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            if (component.getType().isRecord()) {
                settingNames(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }

    private static String readApplicationYamlPort() throws IOException {
        Map<String, Object> settings = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        Object port = at(settings, "server", "port");
        return port.toString();
    }
}
