package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example, taken from the README itself, compiled and run as a user would. */
class LibraryExampleTests {

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- library-example[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path folder;

    @Test
    void shouldCompileAndRunTheReadmeLibraryExample() throws Exception {
        Matcher matcher = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
        assertThat(matcher.find()).as("README has a library example").isTrue();
        Path source = folder.resolve("ScoreExample.java");
        Files.writeString(source, matcher.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", classPath(), "-d", folder.toString(), source.toString());
        assertThat(status).as("the README example compiles").isZero();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {folder.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("ScoreExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(console);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        // The example loads the store under model/, whichever version it serves (a user may have trained into it).
        LeadScore expected = LeadScorer.load(ModelStore.DEFAULT_FOLDER).score(TestCustomers.SAMPLE);
        assertThat(output)
                .contains("Score: " + expected.score() + ", Segment: "
                        + expected.segment().label())
                .contains("1 -> " + expected.score())
                .contains("2 -> ");
    }

    /**
     * The classes the tests run with, as a user's classpath would hold them: the engine's (the service's own classes
     * in the service's build, the engine jar's in engine/pom.xml's) and their dependencies.
     */
    private static String classPath() throws URISyntaxException {
        Path engine = Path.of(LeadScorer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return engine + File.pathSeparator + System.getProperty("java.class.path");
    }
}
