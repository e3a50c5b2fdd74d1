package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.system.CrmProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/** The manifests under deploy/kubernetes, checked against the application they deploy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KubernetesManifestsTests {

    private static final Path MANIFESTS = Path.of("deploy", "kubernetes");
    /** Environment variables the manifests may set that are not settings of the service. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

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
            current = current instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    private static Map<String, Object> container() throws IOException {
        return at(manifest("deployment.yaml"), "spec", "template", "spec", "containers", "0");
    }

    @Test
    void shouldListOnlyFilesThatExistInTheKustomization() throws IOException {
        List<String> resources = at(manifest("kustomization.yaml"), "resources");
        assertThat(resources).isNotEmpty().allSatisfy(file -> assertThat(MANIFESTS.resolve(file)).isRegularFile());
        assertThat(resources).contains("deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml", "configmap.yaml");
    }

    @Test
    void shouldRetrainNightlyIntoTheStoreTheReplicasServeAsTheirUser() throws IOException {
        assertThat((List<String>) at(manifest("kustomization.yaml"), "resources")).contains("train-cronjob.yaml");
        Map<String, Object> job = at(manifest("train-cronjob.yaml"), "spec", "jobTemplate", "spec", "template", "spec");
        Map<String, Object> train = at(job, "containers", "0");
        Map<String, Object> pod = at(manifest("deployment.yaml"), "spec", "template", "spec");
        assertThat((String) train.get("image")).isEqualTo(container().get("image"));
        String store = at(manifest("configmap.yaml"), "data", "CRM_MODEL_STORE");
        List<String> args = (List<String>) train.get("args");
        assertThat(args).startsWith("train").containsSubsequence("--store", store);
        List<Map<String, Object>> mounts = at(train, "volumeMounts");
        String volume = mounts.stream().filter(mount -> store.equals(mount.get("mountPath"))).map(mount -> (String) mount.get("name"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> volumes = at(job, "volumes");
        List<Map<String, Object>> served = at(pod, "volumes");
        assertThat(volumes.stream().filter(v -> volume.equals(v.get("name"))).findFirst().orElseThrow().get("persistentVolumeClaim"))
                .isEqualTo(served.stream().filter(v -> "models".equals(v.get("name"))).findFirst().orElseThrow().get("persistentVolumeClaim"));
        assertThat((Integer) at(job, "securityContext", "runAsUser")).isEqualTo(at(pod, "securityContext", "runAsUser"));
        assertThat((Boolean) at(train, "securityContext", "readOnlyRootFilesystem")).isTrue();
    }

    @Test
    void shouldLetInOnlyTheServicesPortAndOutOnlyDns() throws IOException {
        assertThat((List<String>) at(manifest("kustomization.yaml"), "resources")).contains("networkpolicy.yaml");
        Map<String, Object> policy = manifest("networkpolicy.yaml");
        int containerPort = at(container(), "ports", "0", "containerPort");
        assertThat((Integer) at(policy, "spec", "ingress", "0", "ports", "0", "port")).isEqualTo(containerPort);
        List<Map<String, Object>> egress = at(policy, "spec", "egress", "0", "ports");
        assertThat(egress).extracting(port -> port.get("port")).containsOnly(53);
        assertThat((Map<String, Object>) at(policy, "spec", "podSelector", "matchLabels"))
                .isEqualTo(at(manifest("deployment.yaml"), "spec", "selector", "matchLabels"));
    }

    @Test
    void shouldProbePathsThatAnswerOnThePortTheServiceListensOn() throws Exception {
        Map<String, Object> container = container();
        int containerPort = at(container, "ports", "0", "containerPort");
        assertThat(containerPort).isEqualTo(Integer.parseInt(readApplicationYamlPort()));
        String portName = at(container, "ports", "0", "name");
        assertThat((String) at(manifest("service.yaml"), "spec", "ports", "0", "targetPort")).isEqualTo(portName);
        HttpClient http = HttpClient.newHttpClient();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat((Object) at(container, probe, "httpGet", "port")).as(probe).isEqualTo(portName);
            String path = at(container, probe, "httpGet", "path");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
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
        for (String name : names) {
            if (JVM_VARIABLES.contains(name)) {
                continue;
            }
            // Spring's own reading of environment variables decides which setting each one sets.
            var source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, "x")));
            assertThat(settings).as(name + " sets a crm.* setting")
                    .anyMatch(setting -> source.getConfigurationProperty(ConfigurationPropertyName.of(setting)) != null);
        }
        assertThat(names).contains("CRM_MODEL_STORE", "CRM_SECURITY_API_KEYS", "CRM_SECURITY_ADMIN_API_KEYS", "CRM_SECURITY_METRICS_API_KEYS");
        // The keys come from the Secret, never in clear in the manifests.
        assertThat(data).doesNotContainKeys("CRM_SECURITY_API_KEYS", "CRM_SECURITY_ADMIN_API_KEYS", "CRM_SECURITY_METRICS_API_KEYS");
        assertThat(env).filteredOn(variable -> ((String) variable.get("name")).startsWith("CRM_SECURITY"))
                .allSatisfy(variable -> assertThat(at(variable, "valueFrom", "secretKeyRef", "name").toString()).isEqualTo("smoft-crm-keys"));
        // A forgotten Secret must not run the API open: the scoring key is required unless the manifest says otherwise.
        assertThat(env).filteredOn(variable -> "CRM_SECURITY_API_KEYS".equals(variable.get("name"))).singleElement()
                .satisfies(variable -> assertThat((Boolean) at(variable, "valueFrom", "secretKeyRef", "optional")).isFalse());
    }

    @Test
    void shouldStopTheJvmOnOutOfMemoryInTheImageAndInThePod() throws IOException {
        assertThat(Files.readString(Path.of("Dockerfile"))).containsPattern("(?m)^ENTRYPOINT .*java -XX:\\+ExitOnOutOfMemoryError ");
        List<Map<String, Object>> env = at(container(), "env");
        assertThat(env).filteredOn(variable -> "JAVA_TOOL_OPTIONS".equals(variable.get("name")))
                .singleElement().satisfies(variable -> assertThat((String) variable.get("value")).contains("-XX:+ExitOnOutOfMemoryError"));
    }

    @Test
    void shouldRunAsTheImagesNonRootUserOnAReadOnlyRootFilesystem() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher uid = Pattern.compile("useradd[^\\n]*--uid (\\d+)[^\\n]* (\\w+)\\n").matcher(dockerfile);
        assertThat(uid.find()).as("the Dockerfile creates a user with a uid").isTrue();
        assertThat(dockerfile).containsPattern("(?m)^USER " + uid.group(2) + "$");
        Map<String, Object> pod = at(manifest("deployment.yaml"), "spec", "template", "spec");
        assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
        assertThat((Integer) at(pod, "securityContext", "runAsUser")).isEqualTo(Integer.parseInt(uid.group(1))).isNotZero();
        assertThat((Boolean) at(container(), "securityContext", "readOnlyRootFilesystem")).isTrue();
    }

    @Test
    void shouldGiveTheStopTimeToDrainAndFinishRequestsInFlight() throws IOException {
        Map<String, Object> pod = at(manifest("deployment.yaml"), "spec", "template", "spec");
        int grace = at(pod, "terminationGracePeriodSeconds");
        int preStop = at(container(), "lifecycle", "preStop", "sleep", "seconds");
        // The tests run with no drain: the one that counts is the manifests' own.
        String configuredDrain = at(manifest("configmap.yaml"), "data", "CRM_SHUTDOWN_DRAIN");
        long inFlight = java.time.Duration.parse("PT" + environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")
                .toUpperCase(Locale.ROOT)).toSeconds();
        assertThat(grace).isGreaterThanOrEqualTo((int) (preStop + java.time.Duration.parse("PT" + configuredDrain.toUpperCase(Locale.ROOT))
                .toSeconds() + inFlight));
    }

    /** The name of every setting, as a properties file writes it: crm.model.watch-interval. */
    private static void settingNames(String prefix, Class<?> type, List<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
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
