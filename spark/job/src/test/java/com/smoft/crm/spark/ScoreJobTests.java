package com.smoft.crm.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ScoredRow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The job's command line and messages, without starting Spark. */
class ScoreJobTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ScoreJob.Options options = new ScoreJob.Options();

    private OptionalInt parse(String... args) {
        return ScoreJob.Options.parse(
                options,
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheUsageOnHelpAndExitWithZero() {
        assertThat(parse("--help")).hasValue(0);
        assertThat(printed(out))
                .contains(
                        "Usage: smoft-crm-spark.jar",
                        "--model",
                        "--input",
                        "--output",
                        "--format",
                        "--input-format",
                        "--explain",
                        "--single-file",
                        "--excel",
                        "spark-submit",
                        "spark/score-local.sh");
        assertThat(printed(err)).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownOrMissingOptionWithTheUsageAndExitCodeTwo() {
        assertThat(parse("--model", "model", "--input", "in.csv", "--output", "out", "--singlefile"))
                .hasValue(2);
        assertThat(printed(err)).contains("Error: Unknown option: '--singlefile'", "Usage: smoft-crm-spark.jar");
        assertThat(new ScoreJobTests().parse("--input", "in.csv", "--output", "out"))
                .hasValue(2);
        ScoreJobTests missing = new ScoreJobTests();
        assertThat(missing.parse()).hasValue(2);
        assertThat(missing.printed(missing.err)).contains("Missing required options", "--model", "--input", "--output");
        ScoreJobTests badFormat = new ScoreJobTests();
        assertThat(badFormat.parse("--model", "m", "--input", "i", "--output", "o", "--format", "xlsx"))
                .hasValue(2);
        assertThat(badFormat.printed(badFormat.err)).contains("--format", "xlsx");
    }

    @Test
    void shouldReadTheOptionsWithTheirDefaults() {
        assertThat(parse("--model", "hdfs:///crm/model", "--input", "customers.csv", "--output", "scores/"))
                .isEmpty();
        assertThat(options.model()).isEqualTo("hdfs:///crm/model");
        assertThat(options.input()).isEqualTo("customers.csv");
        assertThat(options.output()).isEqualTo("scores/");
        assertThat(options.format()).isEqualTo("parquet");
        assertThat(options.inputFormat()).isEqualTo("csv");
        assertThat(options.explain() || options.singleFile() || options.excel()).isFalse();
    }

    @Test
    void shouldTakeExcelAsCsvAndAParquetInputByItsName() {
        assertThat(parse(
                        "--model=model",
                        "--input",
                        "scored.parquet/",
                        "--output",
                        "out",
                        "--excel",
                        "--single-file",
                        "--explain"))
                .isEmpty();
        assertThat(options.format()).isEqualTo("csv");
        assertThat(options.inputFormat()).isEqualTo("parquet");
        assertThat(options.excel() && options.singleFile() && options.explain()).isTrue();
        ScoreJobTests told = new ScoreJobTests();
        assertThat(told.parse(
                        "--model",
                        "m",
                        "--input",
                        "data",
                        "--input-format",
                        "parquet",
                        "--output",
                        "o",
                        "--format",
                        "csv"))
                .isEmpty();
        assertThat(told.options.inputFormat()).isEqualTo("parquet");
        assertThat(told.options.format()).isEqualTo("csv");
    }

    @Test
    void shouldAddTheScoredRowsCodedColumnsThenReasonsTheWhatIfColumnsAndError() {
        assertThat(ScoreJob.SCORE_COLUMNS)
                .containsExactlyElementsOf(Stream.of(
                                ScoredRow.CODED.stream().map(ScoredRow.Column::key),
                                Stream.of("reasons"),
                                ScoredRow.WHAT_IF.stream().map(ScoredRow.Column::key),
                                Stream.of("error"))
                        .flatMap(keys -> keys)
                        .toList());
        assertThat(ScoreJob.SCORE_COLUMNS).contains("next_step", "next_step_score", "at_risk_after");
        assertThat(ScoreJob.SCORE_COLUMNS).startsWith("score", "segment", "probability", "priority", "next_action");
    }

    @Test
    void shouldHintInTheJobsOwnOptionsNeverTheServicesCommandLine() {
        for (ModelLoadException.Remedy remedy : ModelLoadException.Remedy.values()) {
            String hint = ScoreJob.hint(
                    new ModelLoadException(ModelLoadException.Reason.MISSING, "what", remedy, Path.of("model"), null));
            assertThat(hint).doesNotContain("java -jar", "crm.model");
            assertThat(hint.isEmpty()).isEqualTo(remedy == ModelLoadException.Remedy.NONE);
            if (!hint.isEmpty()) {
                assertThat(hint).contains("--model");
            }
        }
    }
}
