package com.smoft.crm.scoring;

import java.util.List;
import java.util.function.Predicate;

/**
 * The next-best-action rules, in one table: the first row whose segment and condition match wins.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>Rule</th><th>Segment</th><th>When</th><th>Action</th><th>Channel</th><th>Within</th></tr>
 *   <tr><td>hot-engaged</td><td>Hot</td><td>opens >= 30 % of emails or visited >= 5 times</td><td>CALL</td><td>phone</td><td>24 h</td></tr>
 *   <tr><td>hot</td><td>Hot</td><td>otherwise</td><td>CALL</td><td>phone</td><td>48 h</td></tr>
 *   <tr><td>warm-silent</td><td>Warm</td><td>no contact for 30 days or more</td><td>CALL</td><td>phone</td><td>48 h</td></tr>
 *   <tr><td>warm</td><td>Warm</td><td>otherwise</td><td>EMAIL</td><td>email</td><td>48 h</td></tr>
 *   <tr><td>cold-reader</td><td>Cold</td><td>opens >= 30 % of emails but never visited the site</td><td>EMAIL</td><td>email</td><td>72 h</td></tr>
 *   <tr><td>cold</td><td>Cold</td><td>otherwise (dormant)</td><td>NURTURE</td><td>email</td><td>168 h</td></tr>
 * </table>
 */
public final class NextActions {

    static final double ENGAGED_OPEN_RATE = 0.3;
    static final int ENGAGED_VISITS = 5;
    static final int SILENT_DAYS = 30;

    /** One row of the table. */
    record Rule(
            String name, Segment segment, Predicate<Customer> when, String action, String channel, int withinHours) {}

    static final List<Rule> RULES = List.of(
            new Rule("hot-engaged", Segment.HOT, NextActions::engaged, "CALL", "phone", 24),
            new Rule("hot", Segment.HOT, customer -> true, "CALL", "phone", 48),
            new Rule(
                    "warm-silent",
                    Segment.WARM,
                    customer -> customer.daysSinceLastContact() >= SILENT_DAYS,
                    "CALL",
                    "phone",
                    48),
            new Rule("warm", Segment.WARM, customer -> true, "EMAIL", "email", 48),
            new Rule(
                    "cold-reader",
                    Segment.COLD,
                    customer -> openRate(customer) >= ENGAGED_OPEN_RATE && customer.websiteVisits() == 0,
                    "EMAIL",
                    "email",
                    72),
            new Rule("cold", Segment.COLD, customer -> true, "NURTURE", "email", 168));

    private NextActions() {}

    /** The rule that applies to a customer in a segment. */
    static Rule ruleFor(Segment segment, Customer customer) {
        for (Rule rule : RULES) {
            if (rule.segment() == segment && rule.when().test(customer)) {
                return rule;
            }
        }
        throw new IllegalStateException("no next-action rule for " + segment);
    }

    /** The next action of a customer in a segment, its text in the language of {@code texts}. */
    static NextAction of(Segment segment, Customer customer, LocalizedTexts texts) {
        Rule rule = ruleFor(segment, customer);
        String text = texts.action(rule.name(), customer.daysSinceLastContact(), Math.round(100 * openRate(customer)));
        return new NextAction(rule.action(), rule.channel(), rule.withinHours(), text);
    }

    private static boolean engaged(Customer customer) {
        return openRate(customer) >= ENGAGED_OPEN_RATE || customer.websiteVisits() >= ENGAGED_VISITS;
    }

    private static double openRate(Customer customer) {
        return Signals.emailOpenRate(customer.emailsSent(), customer.emailsOpened());
    }
}
