package com.smoft.crm.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import com.smoft.crm.scoring.InputField;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import org.springdoc.core.customizers.OpenApiCustomizer;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document as the wire is: Swagger's schema reader has a Jackson mapper of its own, which does
 * not know the service writes snake_case, so it is given one that does; "Try it out" then sends bodies the
 * API accepts. And a title, description and version that are the project's.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** The customer's schema says what {@link InputField}, the one declaration of the input contract, accepts. */
    @Bean
    OpenApiCustomizer inputContract() {
        return openApi -> {
            Schema<?> customer = openApi.getComponents().getSchemas().get("CustomerRequest");
            if (customer == null) {
                return;
            }
            customer.setRequired(InputField.KEYS);
            for (InputField field : InputField.values()) {
                Schema<?> property = customer.getProperties().get(field.key());
                switch (field.kind()) {
                    case COUNT -> property.minimum(BigDecimal.ZERO).type("integer");
                    case AMOUNT -> property.minimum(BigDecimal.ZERO).maximum(InputField.MAX_AMOUNT);
                    case ID -> { } // a number or a text: described on the request record itself
                }
            }
        };
    }

    @Bean
    OpenAPI openApi(ObjectProvider<BuildProperties> build) {
        BuildProperties project = build.getIfAvailable();
        return new OpenAPI().info(new Info()
                .title("SMOFT CRM Intelligent")
                .version(project == null ? "development" : project.getVersion())
                .description("Lead scoring for sales teams: who do I call first? Give a customer's behaviour, get a score "
                        + "from 0 to 100 (the calibrated conversion probability in percent), a segment (Hot >= 70, Warm 40-69, "
                        + "Cold < 40), a recommendation in French (English with Accept-Language: en), a next action and, "
                        + "on request, the reasons. JSON fields are snake_case.")
                .license(new License().name("Proprietary")));
    }
}
