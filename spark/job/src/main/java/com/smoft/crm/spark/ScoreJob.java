package com.smoft.crm.spark;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.csv.CustomerRowParser;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.Explanation;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.scoring.Reason;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.ScoredRow;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentCounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.FractionalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores a customer table with the service's model and rules: CSV (the CSV batch endpoint's conventions) or
 * Parquet in, Parquet or CSV out, the table's own columns carried through and the scored row's coded columns added
 * ({@link ScoredRow#CODED}: {@code score, segment, probability, priority, next_action}; with {@code --explain},
 * {@code reasons} and the what-if columns ({@link ScoredRow#WHAT_IF}: {@code next_step, next_step_score,
 * at_risk_after}, the sentence in French); {@code error} naming a row's bad values).
 *
 * <p>The model file is read once, on the driver, verified as the service verifies it, and shipped to the
 * executors as bytes (a broadcast); each executor JVM verifies it again and builds its scorer once
 * ({@link Scorers}). Rows are scored in batches through the compiled forest, as the service's batch path does.
 *
 * <pre>
 * spark-submit --class com.smoft.crm.spark.ScoreJob smoft-crm-spark.jar --model model \
 *     --input customers.csv --output scores/ [--format parquet|csv] [--single-file] [--excel] [--explain]
 * </pre>
 *
 * <p>The command line is read by picocli: {@code --help} prints the usage; an unknown option or a missing one stops
 * with exit code {@value #BAD_USAGE}, a model or input that cannot be read with {@value #FAILED}.
 */
public final class ScoreJob {

    /**
     * The columns the job adds: the scored row's coded columns, then the reasons and the what-if columns (with
     * {@code --explain}) and the error.
     */
    static final List<String> SCORE_COLUMNS = Stream.of(
                    ScoredRow.CODED.stream().map(ScoredRow.Column::key),
                    Stream.of("reasons"),
                    ScoredRow.WHAT_IF.stream().map(ScoredRow.Column::key),
                    Stream.of("error"))
            .flatMap(keys -> keys)
            .toList();

    /** Customers scored in one call of the compiled forest. */
    static final int BATCH = 4096;

    /** The exit code of a run refused for its command line. */
    static final int BAD_USAGE = 2;

    /** The exit code of a run that failed: a model or an input that cannot be read. */
    static final int FAILED = 1;

    private ScoreJob() {}

    /** A table's format. */
    enum Format {
        /** Apache Parquet. */
        parquet,
        /** CSV, with a header. */
        csv
    }

    /** The command line, as picocli reads it. */
    @Command(
            name = "smoft-crm-spark.jar",
            sortOptions = false,
            sortSynopsis = false,
            usageHelpWidth = 110,
            description = "Scores a customer table with the service's model and rules: the table's own columns carried "
                    + "through, then score, segment, probability, priority, next_action (reasons, next_step, "
                    + "next_step_score and at_risk_after with --explain), and error for a row with bad values.",
            footer = {
                "On a cluster: spark-submit --class com.smoft.crm.spark.ScoreJob smoft-crm-spark.jar OPTIONS",
                "On this machine (Spark in local mode, from Maven): bash spark/score-local.sh OPTIONS"
            })
    static final class Options {

        @Option(
                names = "--model",
                required = true,
                paramLabel = "PATH",
                description = "a model file (card inside), "
                        + "or a model store folder (its serving version), e.g. model; local, HDFS or S3")
        private String model;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "PATH",
                description =
                        "a CSV file or folder (header with "
                                + "the eight fields plus any columns; separator , ; or tab; decimal commas; UTF-8 or Windows-1252, as the "
                                + "CSV batch endpoint), or a Parquet file or folder (name ending in .parquet, or --input-format parquet)")
        private String input;

        @Option(
                names = "--output",
                required = true,
                paramLabel = "DIR",
                description = "where to write the scored table (replaced if it exists)")
        private String output;

        @Option(
                names = "--format",
                paramLabel = "F",
                defaultValue = "parquet",
                description = "parquet (default) or csv")
        private Format format;

        @Option(
                names = "--input-format",
                paramLabel = "F",
                description = "csv or parquet (default: from the input's name)")
        private Format inputFormat;

        @Option(
                names = "--explain",
                description =
                        "add each customer's reasons (a JSON column; costs milliseconds per customer) and what the "
                                + "model predicts would move him up a segment, or how long a Hot one stays Hot without contact "
                                + "(next_step in French, next_step_score, at_risk_after)")
        private boolean explain;

        @Option(
                names = "--single-file",
                description =
                        "write the table as one file (one part-*.csv with one header) instead of one per partition")
        private boolean singleFile;

        @Option(
                names = "--excel",
                description = "CSV for French Excel: a UTF-8 byte order mark, semicolons, and a decimal "
                        + "comma in every number column (implies --format csv)")
        private boolean excel;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "this help")
        private boolean help;

        /**
         * Reads the command line.
         *
         * @return the exit code to stop with (0 after the usage was asked for, {@value #BAD_USAGE} after an error, the
         *         error and the usage printed to {@code err}), or empty when the job is to run
         */
        static OptionalInt parse(Options options, String[] args, PrintStream out, PrintStream err) {
            CommandLine line = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
            try {
                line.parseArgs(args);
                if (line.isUsageHelpRequested()) {
                    line.usage(out);
                    return OptionalInt.of(0);
                }
                return OptionalInt.empty();
            } catch (CommandLine.ParameterException e) {
                err.println("Error: " + e.getMessage());
                line.usage(err);
                return OptionalInt.of(BAD_USAGE);
            }
        }

        String model() {
            return model;
        }

        String input() {
            return input;
        }

        String output() {
            return output;
        }

        /** {@code parquet} or {@code csv}; always {@code csv} for Excel. */
        String format() {
            return excel ? Format.csv.name() : format.name();
        }

        /** {@code parquet} or {@code csv}: as told, or from the input's name. */
        String inputFormat() {
            if (inputFormat != null) {
                return inputFormat.name();
            }
            return input.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".parquet")
                    ? Format.parquet.name()
                    : Format.csv.name();
        }

        boolean explain() {
            return explain;
        }

        boolean singleFile() {
            return singleFile;
        }

        boolean excel() {
            return excel;
        }
    }

    /**
     * What a run did.
     *
     * @param scored   customers scored
     * @param rejected rows left unscored, with an {@code error}
     * @param segments customers scored per segment
     * @param seconds  wall time of reading, scoring and writing
     */
    record Summary(long scored, long rejected, SegmentCounts segments, double seconds) {}

    public static void main(String[] args) {
        Options options = new Options();
        OptionalInt stop = Options.parse(options, args, System.out, System.err);
        System.exit(stop.isPresent() ? stop.getAsInt() : run(options));
    }

    /** Runs the job on the Spark of the command line (spark-submit's, or local mode's); the exit code. */
    private static int run(Options options) {
        SparkSession spark = SparkSession.builder().appName("smoft-crm-scoring").getOrCreate();
        try {
            report(run(spark, options), options, System.out);
            return 0;
        } catch (ModelLoadException e) {
            String hint = hint(e);
            System.err.println("Error: " + e.getMessage() + (hint.isEmpty() ? "" : " " + hint));
            return FAILED;
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            return FAILED;
        } finally {
            spark.stop();
        }
    }

    /** What a Spark user can do about a refused model, in the job's own options. */
    static String hint(ModelLoadException e) {
        return switch (e.remedy()) {
            case NONE -> "";
            case TRAIN ->
                "Give --model a model file made by the service's train command, or a model store that serves one.";
            case COPY_AGAIN -> "Copy the model file again, or give --model another one.";
            case TRAIN_INTO_STORE, PROMOTE ->
                "Give --model a model store that serves a version, or one of its model files.";
        };
    }

    static void report(Summary summary, Options options, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Scored %,d customers in %.1f s (%,.1f a second): Hot %,d, Warm %,d, Cold %,d; %,d %s rejected "
                        + "(see the error column). Written to %s as %s.%n",
                summary.scored(),
                summary.seconds(),
                summary.scored() / Math.max(summary.seconds(), 1e-9),
                summary.segments().of(Segment.HOT),
                summary.segments().of(Segment.WARM),
                summary.segments().of(Segment.COLD),
                summary.rejected(),
                summary.rejected() == 1 ? "row" : "rows",
                options.output(),
                options.format());
    }

    /** Reads, scores and writes the table. */
    static Summary run(SparkSession spark, Options options) {
        long start = System.nanoTime();
        String modelFile = modelFile(spark, options.model());
        byte[] modelBytes = readAll(spark, modelFile);
        // Verified here first: a bad file stops the job before any executor starts.
        String version = ModelFiles.load(modelBytes, modelFile).version();
        System.out.println(
                "Model " + version + " (" + modelBytes.length + " bytes) verified; scoring " + options.input());
        Broadcast<byte[]> model =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);

        Input read = read(spark, options);
        // A table scored before is scored again: its old score columns are replaced, not doubled.
        Dataset<Row> table = read.table();
        for (String column : SCORE_COLUMNS) {
            table = table.drop(column);
        }
        Input input = new Input(table, read.separator(), read.numbers());
        StructType outputSchema = outputSchema(input.table().schema(), options.explain());
        Counters counters = new Counters(spark);
        Dataset<Row> scored = input.table()
                .mapPartitions(
                        new ScorePartition(
                                model,
                                input.table().schema().fieldNames(),
                                input.numbers(),
                                options.explain(),
                                counters),
                        Encoders.row(outputSchema));
        if (options.singleFile()) {
            scored = scored.coalesce(1);
        }
        if (options.excel()) {
            scored = forExcel(scored);
        }
        if (options.format().equals("csv")) {
            // Quotes doubled inside quoted values (RFC 4180), as Excel and the CSV endpoint write them.
            scored.write()
                    .mode("overwrite")
                    .option("header", "true")
                    .option("sep", options.excel() ? ";" : String.valueOf(input.separator()))
                    .option("escape", "\"")
                    .csv(options.output());
        } else {
            scored.write().mode("overwrite").parquet(options.output());
        }
        return new Summary(
                counters.scored.value(),
                counters.rejected.value(),
                counters.segments(),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The table to score, every column as read.
     *
     * @param separator the CSV separator (a comma for Parquet), kept for a CSV answer
     * @param numbers   the separator the numbers go with: a decimal comma is accepted unless it is a comma
     */
    record Input(Dataset<Row> table, char separator, char numbers) {}

    /**
     * The table as French Excel reads a CSV: every number column written with a decimal comma, and a UTF-8 byte
     * order mark before the first column's name, so that the header line, and the file, begin with it.
     */
    static Dataset<Row> forExcel(Dataset<Row> table) {
        for (StructField field : table.schema().fields()) {
            if (field.dataType() instanceof FractionalType) {
                // Written in plain digits (never 1.0E-4), trailing zeros off, then the decimal point as a comma.
                var plain = table.col(field.name())
                        .cast(DataTypes.createDecimalType(38, 12))
                        .cast(DataTypes.StringType);
                var trimmed =
                        functions.regexp_replace(functions.regexp_replace(plain, "(\\.[0-9]*?)0+$", "$1"), "\\.$", "");
                table = table.withColumn(field.name(), functions.regexp_replace(trimmed, "\\.", ","));
            }
        }
        String first = table.columns()[0];
        return table.withColumnRenamed(first, "\uFEFF" + first);
    }

    private static Input read(SparkSession spark, Options options) {
        if (options.inputFormat().equals("parquet")) {
            Dataset<Row> table = spark.read().parquet(options.input());
            // The eight fields as text, as a CSV holds them, so that one parser checks both; found by their keys or
            // their
            // French and English names, as in a CSV.
            List<String> columns = List.of(table.columns());
            var found = InputField.columnsOf(columns);
            for (var field : InputField.values()) {
                if (!found.containsKey(field)) {
                    throw new IllegalArgumentException(options.input() + " lacks the column " + field.key());
                }
                String column = columns.get(found.get(field));
                table = table.withColumn(column, table.col(column).cast(DataTypes.StringType));
            }
            // Text columns of a Parquet table may hold French numbers ("1 500,50"): no separator clashes with them
            // there.
            return new Input(table, ',', ';');
        }
        // The separator and the charset are found on the start of the first file, as the CSV endpoint finds them.
        CustomerCsvReader sniffed;
        try (InputStream start = new ByteArrayInputStream(firstBytes(spark, options.input(), 64 * 1024))) {
            sniffed = CustomerCsvReader.open(start, null, options.input(), List.of());
        } catch (IOException e) {
            throw new IllegalStateException(options.input() + " cannot be read: " + e.getMessage(), e);
        }
        Charset charset = sniffed.charset();
        // Spark's CSV reader takes only a few charsets unless told to accept every one Java knows (Windows-1252).
        spark.conf().set("spark.sql.legacy.javaCharsets", "true");
        Dataset<Row> table = spark.read()
                .option("header", "true")
                .option("sep", String.valueOf(sniffed.separator()))
                .option("encoding", charset.name())
                .option("inferSchema", "false")
                .csv(options.input());
        // Names as the header writes them, without a byte order mark or surrounding spaces.
        String[] names = Arrays.stream(table.columns())
                .map(name -> name.replace("\uFEFF", "").strip())
                .toArray(String[]::new);
        return new Input(table.toDF(names), sniffed.separator(), sniffed.separator());
    }

    private static StructType outputSchema(StructType input, boolean explain) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(input.fields()));
        for (ScoredRow.Column column : ScoredRow.CODED) {
            fields.add(DataTypes.createStructField(
                    column.key(),
                    switch (column.kind()) {
                        case WHOLE -> DataTypes.IntegerType;
                        case DECIMAL -> DataTypes.DoubleType;
                        case ID, CODE, TEXT -> DataTypes.StringType;
                    },
                    true));
        }
        if (explain) {
            fields.add(DataTypes.createStructField("reasons", DataTypes.StringType, true));
            for (ScoredRow.Column column : ScoredRow.WHAT_IF) {
                fields.add(DataTypes.createStructField(
                        column.key(),
                        column.kind() == ScoredRow.Kind.WHOLE ? DataTypes.IntegerType : DataTypes.StringType,
                        true));
            }
        }
        fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /** The model file itself, or the serving version's when {@code model} is a model store ({@link ModelStore}). */
    private static String modelFile(SparkSession spark, String model) {
        Path path = new Path(model);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                Path parent = path.getParent();
                boolean inStore = parent != null && ModelStore.isStore(folder(fs, parent));
                throw new IllegalArgumentException("the model " + model + " does not exist"
                        + (inStore
                                ? "; " + parent + " is a model store: give --model " + parent
                                        + " for its serving version"
                                : ""));
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                return model;
            }
            if (!ModelStore.isStore(folder(fs, path))) {
                throw new IllegalArgumentException(
                        model + " is a folder, not a model store: give --model a model file or a store");
            }
            return new Path(path, ModelStore.servingFile(folder(fs, path), model)).toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("the model " + model + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A model store's folder on a Hadoop file system (local, HDFS, S3), as {@link ModelStore} reads it. */
    private static ModelStore.Folder folder(FileSystem fs, Path folder) {
        return new ModelStore.Folder() {
            @Override
            public boolean exists(String path) throws IOException {
                return fs.exists(new Path(folder, path));
            }

            @Override
            public byte[] read(String path, int maxBytes) throws IOException {
                try (InputStream in = fs.open(new Path(folder, path))) {
                    return in.readNBytes(maxBytes);
                }
            }
        };
    }

    private static byte[] readAll(SparkSession spark, String file) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the model file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] firstBytes(SparkSession spark, String input, int count) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.getFileStatus(path).isDirectory()) {
            path = Arrays.stream(fs.listStatus(path))
                    .filter(FileStatus::isFile)
                    .map(FileStatus::getPath)
                    .filter(p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new IOException("no file in " + input));
        }
        try (InputStream in = fs.open(path)) {
            return in.readNBytes(count);
        }
    }

    /** Counts kept by the executors and read on the driver once the table is written. */
    static final class Counters implements Serializable {
        final LongAccumulator scored;
        final LongAccumulator rejected;
        final Map<Segment, LongAccumulator> perSegment = new EnumMap<>(Segment.class);

        Counters(SparkSession spark) {
            scored = spark.sparkContext().longAccumulator("scored");
            rejected = spark.sparkContext().longAccumulator("rejected");
            for (Segment segment : Segment.values()) {
                perSegment.put(
                        segment,
                        spark.sparkContext().longAccumulator(segment.label().toLowerCase(Locale.ROOT)));
            }
        }

        /** The customers counted in each segment, once every executor is done. */
        SegmentCounts segments() {
            SegmentCounts counts = new SegmentCounts();
            perSegment.forEach((segment, accumulator) -> counts.add(segment, accumulator.value()));
            return counts;
        }
    }

    /** One scorer per executor JVM, built from the broadcast model bytes the first time a partition needs it. */
    static final class Scorers {
        private static LeadScorer scorer;
        private static byte[] source;

        private Scorers() {}

        static synchronized LeadScorer of(byte[] modelBytes) {
            if (scorer == null || source != modelBytes) {
                // Verified on each executor too: the bytes are the ones the driver checked, and checked again here.
                scorer = LeadScorer.of(ModelFiles.load(modelBytes, "the broadcast model"));
                source = modelBytes;
            }
            return scorer;
        }
    }

    /** Scores a partition in batches of {@value #BATCH} rows. */
    static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
        private final Broadcast<byte[]> model;
        private final String[] header;
        private final char separator;
        private final boolean explain;
        private final Counters counters;

        ScorePartition(Broadcast<byte[]> model, String[] header, char separator, boolean explain, Counters counters) {
            this.model = model;
            this.header = header;
            this.separator = separator;
            this.explain = explain;
            this.counters = counters;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            LeadScorer scorer = Scorers.of(model.value());
            CustomerRowParser parser = new CustomerRowParser(List.of(header), separator);
            return new Iterator<>() {
                private Iterator<Row> ready = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!ready.hasNext() && rows.hasNext()) {
                        ready = scoreBatch(rows, scorer, parser).iterator();
                    }
                    return ready.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.next();
                }
            };
        }

        private List<Row> scoreBatch(Iterator<Row> rows, LeadScorer scorer, CustomerRowParser parser) {
            List<Row> inputs = new ArrayList<>(BATCH);
            List<Customer> customers = new ArrayList<>(BATCH);
            List<String> errors = new ArrayList<>(BATCH);
            while (inputs.size() < BATCH && rows.hasNext()) {
                Row row = rows.next();
                List<String> values = new ArrayList<>(header.length);
                for (int i = 0; i < header.length; i++) {
                    Object value = row.get(i);
                    values.add(value == null ? "" : value.toString());
                }
                CustomerCsvReader.Row checked = parser.parse(values, -1);
                inputs.add(row);
                if (checked.problems().isEmpty()) {
                    customers.add(checked.customer());
                    errors.add(null);
                } else {
                    errors.add(checked.problems().stream()
                            .map(RecordProblem::describe)
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""));
                }
            }
            LeadScorer.ScoredBatch batch = scorer.scoreBatch(customers, explain);
            List<Row> out = new ArrayList<>(inputs.size());
            int next = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Row row = inputs.get(i);
                List<Object> values = new ArrayList<>(row.size() + SCORE_COLUMNS.size());
                for (int c = 0; c < row.size(); c++) {
                    values.add(row.get(c));
                }
                if (errors.get(i) == null) {
                    int index = next++;
                    var segment = batch.segment(index);
                    for (ScoredRow.Column column : ScoredRow.CODED) {
                        values.add(ScoredRow.value(column, batch, index, Locale.ROOT));
                    }
                    if (explain) {
                        values.add(reasonsJson(
                                batch.lead(index, Locale.FRENCH, true).explanation()));
                        for (ScoredRow.Column column : ScoredRow.WHAT_IF) {
                            values.add(ScoredRow.value(column, batch, index, Locale.FRENCH));
                        }
                    }
                    values.add(null);
                    counters.scored.add(1);
                    counters.perSegment.get(segment).add(1);
                } else {
                    values.addAll(Collections.nCopies(
                            ScoredRow.CODED.size() + (explain ? 1 + ScoredRow.WHAT_IF.size() : 0), null));
                    values.add(errors.get(i));
                    counters.rejected.add(1);
                }
                out.add(RowFactory.create(values.toArray()));
            }
            return out;
        }

        private static String reasonsJson(Explanation explanation) {
            StringBuilder json = new StringBuilder("{\"base_score\":")
                    .append(explanation.baseScore())
                    .append(",\"reasons\":[");
            List<Reason> reasons = new ArrayList<>(explanation.raised());
            reasons.addAll(explanation.lowered());
            for (int i = 0; i < reasons.size(); i++) {
                Reason reason = reasons.get(i);
                json.append(i == 0 ? "" : ",")
                        .append("{\"feature\":\"")
                        .append(reason.feature().key())
                        .append("\",\"impact\":")
                        .append(reason.impact())
                        .append(",\"text\":\"")
                        .append(reason.text().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"}");
            }
            return json.append("]}").toString();
        }
    }
}
