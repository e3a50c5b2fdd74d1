package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the files under docs/ point only into the repository: every link leads to a file that exists (and
 * to a heading of it when it names one), and every repository path they name in code exists.
 */
class DocsLinksTests {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+)$");
    /** A path of the repository written in code: it starts with one of the repository's top folders. */
    private static final Pattern REPOSITORY_PATH =
            Pattern.compile("`((?:src|docs|deploy|bench|spark|engine|\\.ci|model)/[^`\\s]*)`");

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The text outside fenced code blocks, where a link is a link. */
    private static String prose(Path document) throws IOException {
        return FENCE.matcher(Files.readString(document)).replaceAll("");
    }

    @Test
    void shouldLinkOnlyToFilesAndHeadingsOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents()) {
            Matcher link = LINK.matcher(prose(document));
            while (link.find()) {
                links++;
                String target = link.group(1);
                if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*") && !target.startsWith("http://localhost")) {
                    broken.add(document + ": " + target + " points outside the repository");
                    continue;
                }
                if (target.startsWith("http://localhost")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty()
                        ? document
                        : document.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target + " names no file");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(document + ": " + target + " names no heading of " + resolved.getFileName());
                }
            }
        }
        assertThat(links).as("links checked").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void shouldNameOnlyRepositoryPathsThatExist() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path document : documents()) {
            Matcher path = REPOSITORY_PATH.matcher(Files.readString(document));
            while (path.find()) {
                String named = path.group(1).replaceAll("[.,:;)]+$", "");
                // Placeholders and patterns, not paths: model/versions/VERSION.bin, spark/job/src/.../ScoreJob.java.
                if (named.contains("...") || named.contains("*") || named.contains("VERSION") || named.contains("{")) {
                    continue;
                }
                if (!Files.exists(Path.of(named))) {
                    missing.add(document + ": " + named);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The anchors GitHub gives the headings of a markdown file: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return anchors;
        }
        Matcher heading = HEADING.matcher(prose(file));
        while (heading.find()) {
            anchors.add(heading.group(1)
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }
}
