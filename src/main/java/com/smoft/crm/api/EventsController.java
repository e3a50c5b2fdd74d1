package com.smoft.crm.api;

import com.smoft.crm.events.EventService;
import com.smoft.crm.system.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The events told to webhooks and Kafka: the subscriptions, the outbox's deliveries, a redelivery, a test. */
@RestController
@Tag(name = "Administration")
class EventsController {

    private static final List<String> STATUSES = List.of("pending", "delivered", "failed");

    /** The events, or {@code null} when crm.memory.enabled is false (they live in the memory's database). */
    private final EventService events;

    EventsController(ObjectProvider<EventService> events) {
        this.events = events.getIfAvailable();
    }

    /** @param subscriptions the webhook subscriptions, in configuration order */
    record SubscriptionsResponse(List<EventService.Subscription> subscriptions) {}

    /** @param results what each subscription answered */
    record TestResponse(List<EventService.PingResult> results) {}

    @GetMapping(path = "/api/admin/events/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The webhook subscriptions",
            description = "The subscriptions of crm.events.webhooks, without their secrets (nor any credentials or "
                    + "query of their URL), each with whether it is enabled: a receiver that answers 410 Gone disables "
                    + "its subscription, until it answers 2xx to a test or a redelivery.")
    @ApiResponse(
            responseCode = "200",
            description = "The subscriptions",
            content =
                    @Content(
                            schema = @Schema(implementation = SubscriptionsResponse.class),
                            examples = @ExampleObject(value = """
            {"subscriptions": [{"id": "webhook:5d41402abc4b2a76", "url": "https://crm.example.com/hooks/smoft",
              "events": ["lead.segment_changed"], "segments": ["Hot"], "enabled": true}]}""")))
    @ApiDocs.AdminOnly
    SubscriptionsResponse subscriptions() {
        return new SubscriptionsResponse(require().subscriptions());
    }

    @GetMapping(path = "/api/admin/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The outbox's deliveries",
            description = "One item per event and target (webhook subscription or Kafka), newest first: `pending` "
                    + "(waiting, or retried on the schedule of crm.events.retry-schedule), `delivered`, `failed` (given "
                    + "up after the last attempt, or its subscription disabled by a 410), kept for crm.events.retention. "
                    + "An item names its event by `event_id` (`evt_...`), the id redelivery takes; `last_error` says "
                    + "what failed in words (host:port and the reason, or the HTTP status).")
    @ApiResponse(responseCode = "200", description = "A page of deliveries")
    @ApiResponse(
            responseCode = "400",
            description = "A bad status, limit or cursor",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiDocs.AdminOnly
    EventService.DeliveriesPage deliveries(
            @Parameter(description = "Only deliveries of this status: pending, delivered or failed")
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = LeadsController.LIMIT_DOC) @RequestParam(defaultValue = "100") String limit,
            @Parameter(description = LeadsController.CURSOR_DOC) @RequestParam(required = false) String cursor) {
        EventService service = require();
        if (status != null && !STATUSES.contains(status)) {
            throw ApiExceptionHandler.invalidParameter(
                    "status", status, STATUSES, "must be pending, delivered or failed");
        }
        int size = LeadsController.limit(limit);
        try {
            return service.deliveries(status, cursor, size);
        } catch (IllegalArgumentException e) {
            throw LeadsController.badCursor(cursor);
        }
    }

    @PostMapping(path = "/api/admin/events/{id}/redeliver", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Deliver an event again",
            description = "Sends the event again to every target it went to, delivered or failed, from the first "
                    + "attempt of the retry schedule. 202: queued; receivers drop it if they have it already (same "
                    + "webhook-id).")
    @ApiResponse(responseCode = "202", description = "Queued for delivery")
    @ApiResponse(
            responseCode = "404",
            description = "The outbox holds no such event",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiDocs.AdminOnly
    ResponseEntity<Void> redeliver(
            @Parameter(
                            description = "The event's id, `evt_...` (an item's `event_id` in GET /api/admin/events)",
                            example = "evt_6f1c0e4b9a3d4e8f8b2a7c5d1e0f9a3b")
                    @PathVariable
                    String id) {
        if (!require().redeliver(id)) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "event-unknown",
                    "event-unknown",
                    id.length() > 64 ? id.substring(0, 64) : id);
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping(path = "/api/admin/events/test", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Test every webhook subscription",
            description =
                    "Sends a signed `ping` event (its `data.message` in the language of crm.events.language) to "
                            + "every subscription now (not through the outbox, not retried) and answers what each answered. A 2xx enables a subscription disabled by a 410.")
    @ApiResponse(
            responseCode = "200",
            description = "What each subscription answered",
            content =
                    @Content(
                            schema = @Schema(implementation = TestResponse.class),
                            examples = @ExampleObject(value = """
            {"results": [{"subscription": "webhook:5d41402abc4b2a76", "event_id": "evt_0b3c5d2e9f8a4b1c8d7e6f5a4b3c2d1e",
              "status": 204, "delivered": true, "error": null}]}""")))
    @ApiDocs.AdminOnly
    TestResponse test() {
        return new TestResponse(require().ping());
    }

    private EventService require() {
        if (events == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "events-off", "events-off");
        }
        return events;
    }
}
