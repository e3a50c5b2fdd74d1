package com.smoft.crm;

import com.smoft.crm.system.ServerDatabase;
import com.smoft.crm.training.ModelsCommand;
import com.smoft.crm.training.TrainCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Entry point of the jar: {@code train ...} and {@code models ...} run their command without a web server,
 * anything else starts the scoring service.
 */
// No user store: callers are API keys (system/SecurityConfiguration), so no generated password either.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CrmApplication {

    /** What {@code --help} prints: the three ways to run the jar. */
    static final String USAGE = """
            Usage: java -jar target/smoft-crm-intelligent.jar [COMMAND] [options]
              (no command)   serve the API and the web page on http://localhost:8000 (Java 25)
                             e.g. --server.port=9000, --crm.model.store=my-store, --crm.security.api-keys=KEY
                             (every setting of README.md, section Settings; also as environment variables)
              train          train a model on your history, the memory's outcomes (--from-memory) or sample data
                             into a model store
              models         list the store's versions, promote one, roll back
              --help         this text; train --help and models --help give each command's options
            """;

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.print(USAGE);
            return;
        }
        if (args.length > 0 && (args[0].equals("train") || args[0].equals("models"))) {
            // Quiet Smile's per-tree log lines: the commands print their own progress.
            System.setProperty("logback.configurationFile", "logback-train.xml");
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(
                    args[0].equals("train") ? TrainCommand.run(rest, ServerDatabase::open) : ModelsCommand.run(rest));
        }
        SpringApplication.run(CrmApplication.class, args);
    }
}
