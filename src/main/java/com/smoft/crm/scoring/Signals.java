package com.smoft.crm.scoring;

/**
 * The seven signals of the model for one customer: the only feature engineering in the product,
 * called by training and by serving alike.
 *
 * @param recencyDays     days since the last contact
 * @param contactFrequency total contacts
 * @param totalSpent      money spent, in euros
 * @param emailOpenRate   emails opened / emails sent, 0 when nothing was sent
 * @param websiteVisits   website visits
 * @param tenureDays      customer age in days
 * @param rfmScore        recency + frequency + monetary quintile scores, 3 to 15
 */
public record Signals(
        double recencyDays,
        double contactFrequency,
        double totalSpent,
        double emailOpenRate,
        double websiteVisits,
        double tenureDays,
        double rfmScore) {

    /** Number of signals, the width of the model's input. */
    public static final int COUNT = Feature.values().length;

    /** Derives the seven signals of a customer with the cut points of a trained model. */
    public static Signals of(Customer customer, RfmCutPoints cutPoints) {
        return new Signals(
                customer.daysSinceLastContact(),
                customer.totalContacts(),
                customer.totalSpent(),
                emailOpenRate(customer.emailsSent(), customer.emailsOpened()),
                customer.websiteVisits(),
                customer.customerAgeDays(),
                cutPoints.rfmScore(customer.daysSinceLastContact(), customer.totalContacts(), customer.totalSpent()));
    }

    /**
     * Opened / sent, at most 1: tracking counts repeated opens, and a customer who opened more than was sent
     * has opened everything. A customer who was never emailed has shown no email interest, so 0.
     */
    public static double emailOpenRate(int emailsSent, int emailsOpened) {
        return emailsSent == 0 ? 0.0 : Math.min(1.0, (double) emailsOpened / emailsSent);
    }

    /** The signals in {@link Feature} order. */
    public double[] toArray() {
        return new double[] {
            recencyDays, contactFrequency, totalSpent, emailOpenRate, websiteVisits, tenureDays, rfmScore
        };
    }

    /** The value of one signal. */
    public double get(Feature feature) {
        return switch (feature) {
            case RECENCY -> recencyDays;
            case FREQUENCY -> contactFrequency;
            case MONETARY -> totalSpent;
            case EMAIL_OPEN_RATE -> emailOpenRate;
            case WEBSITE_VISITS -> websiteVisits;
            case TENURE -> tenureDays;
            case RFM_SCORE -> rfmScore;
        };
    }
}
