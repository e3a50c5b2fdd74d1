package com.smoft.crm.events;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Events as JSON: snake_case names, times as ISO-8601 texts, absent values as {@code null}. */
final class EventJson {

    /** The one mapper of events. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private EventJson() {}
}
