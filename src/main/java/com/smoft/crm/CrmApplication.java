package com.smoft.crm;

import com.smoft.crm.training.ModelsCommand;
import com.smoft.crm.training.TrainCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the jar: {@code train ...} and {@code models ...} run their command without a web server,
 * anything else starts the scoring service.
 */
// No user store: callers are API keys (system/SecurityConfiguration), so no generated password either.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CrmApplication {

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("train") || args[0].equals("models"))) {
            // Quiet Smile's per-tree log lines: the commands print their own progress.
            System.setProperty("logback.configurationFile", "logback-train.xml");
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(args[0].equals("train") ? TrainCommand.run(rest) : ModelsCommand.run(rest));
        }
        SpringApplication.run(CrmApplication.class, args);
    }
}
