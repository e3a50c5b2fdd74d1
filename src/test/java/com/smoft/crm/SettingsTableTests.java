package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's settings table against the configuration metadata that {@code CrmProperties} produces: the record
 * owns every {@code crm.*} default, and the table may neither miss a setting nor state another default.
 */
class SettingsTableTests {

    /** A row of the table: its keys (a later key may drop the first one's prefix) and their defaults, in code. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (`crm\\.[^|]+) \\| ([^|]+) \\|");

    @Test
    void shouldListEverySettingWithTheDefaultItsRecordHolds() throws IOException {
        Map<String, String> documented = documentedDefaults(Files.readString(Path.of("README.md")));
        Map<String, String> actual = new LinkedHashMap<>();
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata)
                    .as("the build publishes the configuration metadata")
                    .isNotNull();
            for (JsonNode property : JsonMapper.shared().readTree(metadata).get("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("crm.")) {
                    actual.put(name, shown(property.get("defaultValue")));
                }
            }
        }
        assertThat(actual).as("crm.* settings in the metadata").hasSizeGreaterThan(15);
        assertThat(documented).as("the README's settings table").isEqualTo(actual);
    }

    private static Map<String, String> documentedDefaults(String readme) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            String[] keys = row.group(1).replace("`", "").split(", ");
            String[] values = row.group(2)
                    .replaceAll("\\(.*?\\)", "")
                    .replace("`", "")
                    .trim()
                    .split(", ");
            String prefix = keys[0].substring(0, keys[0].lastIndexOf('.') + 1);
            for (int i = 0; i < keys.length; i++) {
                String key = keys[i].trim();
                defaults.put(
                        key.startsWith("crm.") ? key : prefix + key, values[Math.min(i, values.length - 1)].trim());
            }
        }
        return defaults;
    }

    /** A default as the table writes it: {@code none} for no value or an empty list (which Boot writes as "[]"). */
    private static String shown(JsonNode value) {
        String shown = value == null || value.isNull() ? "" : value.isString() ? value.asString() : value.toString();
        return shown.isEmpty() || shown.equals("[]") ? "none" : shown;
    }
}
