package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class ForestExplainerTests {

    private static LoadedModel model;
    private static LeadScorer scorer;

    @BeforeAll
    static void load() {
        model = ModelFiles.load(ShippedModel.PATH);
        scorer = new LeadScorer(new ModelRegistry(model), SegmentThresholds.DEFAULT, Texts.bundled());
    }

    private static Customer randomCustomer(SplittableRandom random, long id) {
        int sent = random.nextInt(0, 60);
        return new Customer(
                id,
                random.nextInt(0, 300),
                random.nextInt(0, 40),
                Math.round(random.nextDouble(0, 4000)),
                sent,
                sent == 0 ? 0 : random.nextInt(0, sent + 1),
                random.nextInt(0, 80),
                random.nextInt(1, 3000));
    }

    @Test
    void shouldGiveSmilesExactTreeShapValuesWeightedAsTheForestVotes() {
        smile.classification.RandomForest forest = model.trained().forest();
        smile.classification.RandomForest.Model[] trees = forest.models();
        double totalWeight = 0;
        for (smile.classification.RandomForest.Model tree : trees) {
            totalWeight += tree.weight();
        }
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 200; i++) {
            double[] signals = model.signals(randomCustomer(random, i)).toArray();
            smile.data.Tuple tuple = smile.data.Tuple.of(forest.schema(), signals);
            double[] expected = new double[signals.length];
            for (smile.classification.RandomForest.Model tree : trees) {
                double[] phi = tree.tree().shap(tuple);
                for (int f = 0; f < expected.length; f++) {
                    expected[f] += tree.weight() / totalWeight * phi[f * 2 + 1];
                }
            }

            double[] contributions = model.explainer().contributions(signals);

            for (int f = 0; f < expected.length; f++) {
                assertThat(contributions[f]).as("signal " + f).isCloseTo(expected[f], within(1e-12));
            }
        }
    }

    @Test
    void shouldAddUpToTheForestsVoteShareOnManyCustomers() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 300; i++) {
            Signals signals = model.signals(randomCustomer(random, i));
            double[] contributions = model.explainer().contributions(signals.toArray());
            double sum = model.explainer().baseValue();
            for (double contribution : contributions) {
                sum += contribution;
            }
            assertThat(sum).isCloseTo(model.voteShare(signals), within(1e-9));
        }
    }

    @Test
    void shouldListImpactsThatAreTheSignalsShareOfTheDistanceFromTheBaseScore() {
        SplittableRandom random = new SplittableRandom(19);
        int checked = 0;
        for (int i = 0; i < 100; i++) {
            Customer customer = randomCustomer(random, i);
            LeadScore lead = scorer.score(customer, Locale.FRENCH, true);
            Explanation explanation = lead.explanation();
            Signals signals = model.signals(customer);
            double[] contributions = model.explainer().contributions(signals.toArray());
            double distance = model.voteShare(signals) - model.explainer().baseValue();
            if (Math.abs(distance) < 1e-3) {
                continue;
            }
            // Score points per unit of vote share: the calibrated distance shared in proportion to the contributions.
            double pointsPerVote = (100 * lead.probability() - explanation.baseScore()) / distance;
            double total = explanation.baseScore();
            for (double contribution : contributions) {
                total += contribution * pointsPerVote;
            }
            assertThat(total).isCloseTo(100 * lead.probability(), within(0.01));
            for (Reason reason : concat(explanation.raised(), explanation.lowered())) {
                // The base score is given to 0.01, which this test's points per vote inherits: 1 % of slack.
                double expected = contributions[reason.feature().ordinal()] * pointsPerVote;
                assertThat(reason.impact())
                        .as(reason.feature().key())
                        .isCloseTo(expected, within(0.02 + 0.01 * Math.abs(expected)));
            }
            assertThat(lead.score()).isEqualTo(LeadScorer.scoreOf(lead.probability()));
            checked++;
        }
        assertThat(checked).isGreaterThan(80);
    }

    private static List<Reason> concat(List<Reason> first, List<Reason> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void shouldListStrongestReasonsFirstAtMostThreePerSide() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 100; i++) {
            Explanation explanation =
                    scorer.score(randomCustomer(random, i), Locale.FRENCH, true).explanation();
            List<Reason> raised = explanation.raised();
            List<Reason> lowered = explanation.lowered();
            assertThat(raised).hasSizeLessThanOrEqualTo(3).allMatch(reason -> reason.impact() > 0);
            assertThat(lowered).hasSizeLessThanOrEqualTo(3).allMatch(reason -> reason.impact() < 0);
            for (int r = 1; r < raised.size(); r++) {
                assertThat(raised.get(r).impact())
                        .isLessThanOrEqualTo(raised.get(r - 1).impact());
            }
            for (int r = 1; r < lowered.size(); r++) {
                assertThat(lowered.get(r).impact())
                        .isGreaterThanOrEqualTo(lowered.get(r - 1).impact());
            }
        }
    }

    @Test
    void shouldExplainASilentCustomerByTheSilenceInTheRepsWords() {
        Customer silent = new Customer(1, 120, 2, 50, 20, 0, 0, 800);
        Explanation explanation = scorer.score(silent, Locale.FRENCH, true).explanation();
        assertThat(explanation.lowered()).extracting(Reason::text).contains("Aucun contact depuis 120 jours");
        Explanation english = scorer.score(silent, Locale.ENGLISH, true).explanation();
        assertThat(english.lowered()).extracting(Reason::text).contains("No contact for 120 days");
    }

    @Test
    void shouldDoNoExplanationWorkUnlessAsked() {
        assertThat(scorer.score(TestCustomers.SAMPLE, Locale.FRENCH, false).explanation())
                .isNull();
    }
}
