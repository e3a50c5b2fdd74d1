package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordProblemTests {

    @Test
    void shouldGiveEachRuleItsCodeParametersAndTheEnglishMessageTheApiAlwaysWrote() {
        assertThat(RecordProblem.missing(3, "total_spent"))
                .extracting(RecordProblem::code, RecordProblem::params, RecordProblem::message)
                .containsExactly(RecordProblem.Code.MISSING, Map.of(), InputField.REQUIRED);
        assertThat(RecordProblem.negative(3, "emails_sent", "-1"))
                .extracting(RecordProblem::code, RecordProblem::params, RecordProblem::message)
                .containsExactly(
                        RecordProblem.Code.OUT_OF_RANGE, Map.of("min", 0), "must be greater than or equal to 0");
        assertThat(RecordProblem.amountTooLarge(3, "total_spent", "2e12").params())
                .isEqualTo(Map.of("max", 1_000_000_000_000L));
        assertThat(RecordProblem.numberTooLong(3, "total_contacts", "9".repeat(101))
                        .params())
                .isEqualTo(Map.of("max_length", 100));
        assertThat(RecordProblem.notAnId(3, "customer_id", "x".repeat(65)).params())
                .isEqualTo(Map.of("max_length", 64));
        assertThat(RecordProblem.notANumber(3, "total_spent", "abc", true).message())
                .isEqualTo("must be a number, such as 1500.50 or 1500,50");
        assertThat(RecordProblem.notANumber(3, "total_spent", "abc", false).params())
                .isEqualTo(Map.of("decimal_comma", false));
        assertThat(RecordProblem.valueCount(3, "1;2", 2, 9))
                .extracting(RecordProblem::params, RecordProblem::message)
                .containsExactly(Map.of("values", 2, "columns", 9), "holds 2 values where the header names 9");
        assertThat(RecordProblem.notOneOf(3, "converted", "maybe", List.of("0", "1"), "must be 0 or 1")
                        .params())
                .isEqualTo(Map.of("allowed", List.of("0", "1")));
    }

    @Test
    void shouldNameEveryCodeOnTheWireInSnakeCaseOnce() {
        List<String> names = Arrays.stream(RecordProblem.Code.values())
                .map(RecordProblem.Code::wireName)
                .toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z]+(_[a-z]+)*"));
        assertThat(RecordProblem.Code.NOT_A_WHOLE_NUMBER.wireName()).isEqualTo("not_a_whole_number");
    }

    @Test
    void shouldJudgeCountsAndAmountsByTheContractsRules() {
        assertThat(RecordProblem.ofCount(-1, "total_contacts", 0)).isNull();
        assertThat(RecordProblem.ofCount(-1, "total_contacts", null).code()).isEqualTo(RecordProblem.Code.MISSING);
        assertThat(RecordProblem.ofCount(-1, "total_contacts", -4).value()).isEqualTo("-4");
        assertThat(RecordProblem.ofAmount(-1, "total_spent", InputField.MAX_AMOUNT, "1e12"))
                .isNull();
        assertThat(RecordProblem.ofAmount(
                        -1, "total_spent", InputField.MAX_AMOUNT.add(BigDecimal.ONE), "1 000 000 000 001"))
                .extracting(RecordProblem::value, RecordProblem::message)
                .containsExactly("1 000 000 000 001", InputField.AMOUNT_TOO_LARGE);
        assertThat(RecordProblem.ofAmount(-1, "total_spent", new BigDecimal("-0.5"), "-0,5")
                        .params())
                .isEqualTo(Map.of("min", 0));
    }

    @Test
    void shouldCutAValueOfMegabytesToAnExcerpt() {
        RecordProblem problem = RecordProblem.notAnId(2, "customer_id", "x".repeat(1_000_000));
        assertThat(problem.value()).hasSize(InputField.MAX_ECHOED_LENGTH + 3).endsWith("...");
    }

    @Test
    void shouldDescribeAProblemByLineAndColumnOrByColumnAloneWithoutALine() {
        assertThat(RecordProblem.negative(5, "total_contacts", "-3").describe())
                .isEqualTo("line 5, column total_contacts: value '-3' must be greater than or equal to 0");
        assertThat(RecordProblem.negative(-1, "total_contacts", "-3").describe())
                .isEqualTo("total_contacts: value '-3' must be greater than or equal to 0");
        assertThat(RecordProblem.valueCount(8, "1;2", 2, 9).describe())
                .isEqualTo("line 8: value '1;2' holds 2 values where the header names 9");
    }

    @Test
    void shouldMoveAProblemIntoABatchKeepingItsCodeAndParameters() {
        RecordProblem moved = RecordProblem.negative(-1, "emails_sent", "-1").at(3, "clients[3].emails_sent");
        assertThat(moved)
                .isEqualTo(new RecordProblem(
                        3,
                        "clients[3].emails_sent",
                        "-1",
                        RecordProblem.Code.OUT_OF_RANGE,
                        Map.of("min", 0),
                        "must be greater than or equal to 0"));
    }
}
